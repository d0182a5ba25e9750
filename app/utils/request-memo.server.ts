import type { AppLoadContext } from '@remix-run/node'

/**
 * Remix runs the root, layout and page loaders of one request with the same
 * load context object, and each of them checks the session and most load
 * the assessment in the URL. Keyed by that context, a lookup is made once
 * per request and shared; the next request gets a new context and looks
 * everything up again, so expiry, revocation and the idle clock apply
 * exactly as before.
 *
 * Only reads (GET, HEAD) share: a POST's action may end, rotate or create
 * the session, and the loaders Remix runs after it in the same request must
 * see that change.
 */
const memos = new WeakMap<AppLoadContext, Map<string, unknown>>()

export function memoizeForRequest<T>(
  request: Request,
  context: AppLoadContext | undefined,
  key: string,
  compute: () => T,
): T {
  if (!context || (request.method !== 'GET' && request.method !== 'HEAD'))
    return compute()
  let memo = memos.get(context)
  if (!memo) {
    memo = new Map()
    memos.set(context, memo)
  }
  if (memo.has(key)) return memo.get(key) as T
  const value = compute()
  memo.set(key, value)
  return value
}
