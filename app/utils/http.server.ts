import { json } from '@remix-run/node'

/**
 * Throws a Response with a status the error boundary explains to the user.
 * Used for 4xx outcomes the caller can act on.
 */
export function fail(status: number, message: string): never {
  throw json({ message }, { status, headers: { 'Cache-Control': 'no-store' } })
}

export function invariantResponse(
  condition: unknown,
  status: number,
  message: string,
): asserts condition {
  if (!condition) fail(status, message)
}
