import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { settings } from '#db/schema/accounts'
import { hashToken, randomToken, safeEqual } from '~/utils/secrets.server'
import { countUsers } from './user.server'

const SETUP_KEY = 'setup_token'
const SETUP_LIFETIME_MS = 24 * 3_600_000

interface StoredSetupToken {
  hash: string
  expiresAt: string
}

/**
 * Clearance ships with no account. While there is no user, each start
 * issues a fresh one-time token for the setup page (replacing any earlier
 * one) and the server prints the link to its console. Returns null once a
 * user exists.
 */
export function issueSetupToken(db: Db, now = new Date()): string | null {
  if (countUsers(db) > 0) return null
  const token = randomToken()
  const value: StoredSetupToken = {
    hash: hashToken(token),
    expiresAt: new Date(now.getTime() + SETUP_LIFETIME_MS).toISOString(),
  }
  db.insert(settings)
    .values({ key: SETUP_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run()
  return token
}

/** Whether `token` is the live setup token (and no user exists yet). */
export function isValidSetupToken(db: Db, token: string, now = new Date()) {
  if (countUsers(db) > 0) return false
  const row = db
    .select()
    .from(settings)
    .where(eq(settings.key, SETUP_KEY))
    .get()
  const stored = row?.value as StoredSetupToken | undefined
  if (!stored) return false
  if (new Date(stored.expiresAt).getTime() <= now.getTime()) return false
  return safeEqual(stored.hash, hashToken(token))
}

export function deleteSetupToken(db: Db) {
  db.delete(settings).where(eq(settings.key, SETUP_KEY)).run()
}
