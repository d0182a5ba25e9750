import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { getConfig } from '~/config.server'

/**
 * Failed sign-ins are limited per account and per client address, so both
 * guessing one password and spraying many accounts run into a wall. The
 * limits are settings (LOGIN_LIMIT_*), documented in docs/operations.md.
 * Counters live in memory: a restart forgets them, which is acceptable for
 * a single-process server and noted in docs/decisions/003-rate-limits.md.
 */
let perAccount: RateLimiterMemory | undefined
let perAddress: RateLimiterMemory | undefined

function limiters() {
  const config = getConfig()
  perAccount ??= new RateLimiterMemory({
    keyPrefix: 'login_account',
    points: config.LOGIN_LIMIT_PER_ACCOUNT,
    duration: config.LOGIN_LIMIT_WINDOW_SECONDS,
  })
  perAddress ??= new RateLimiterMemory({
    keyPrefix: 'login_address',
    points: config.LOGIN_LIMIT_PER_IP,
    duration: config.LOGIN_LIMIT_WINDOW_SECONDS,
  })
  return { perAccount, perAddress }
}

/** Seconds to wait before another attempt is allowed, or 0. */
export async function loginRetryAfter(
  account: string,
  address: string,
): Promise<number> {
  const { perAccount, perAddress } = limiters()
  const [byAccount, byAddress] = await Promise.all([
    perAccount.get(account),
    perAddress.get(address),
  ])
  const wait = (state: RateLimiterRes | null, limit: number) =>
    state && state.consumedPoints >= limit
      ? Math.ceil(state.msBeforeNext / 1000)
      : 0
  const config = getConfig()
  return Math.max(
    wait(byAccount, config.LOGIN_LIMIT_PER_ACCOUNT),
    wait(byAddress, config.LOGIN_LIMIT_PER_IP),
  )
}

export async function recordFailedLogin(account: string, address: string) {
  const { perAccount, perAddress } = limiters()
  await Promise.all([
    perAccount.penalty(account, 1),
    perAddress.penalty(address, 1),
  ])
}

export async function clearAccountFailures(account: string) {
  await limiters().perAccount.delete(account)
}
