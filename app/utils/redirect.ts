/**
 * Where to go after signing in: only a path on this site. Anything else
 * (another host, `//evil.example`, a backslash trick) falls back to `/`.
 */
export function safeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string') return fallback
  if (
    !target.startsWith('/') ||
    target.startsWith('//') ||
    target.includes('\\')
  )
    return fallback
  return target
}
