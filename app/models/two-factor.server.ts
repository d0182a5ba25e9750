import crypto from 'node:crypto'
import { and, count, eq, isNull } from 'drizzle-orm'
import { Secret, TOTP } from 'otpauth'
import type { Db } from '#db/client.server'
import { recoveryCodes, users } from '#db/schema/accounts'
import {
  formatRecoveryCode,
  normaliseRecoveryCode,
  normaliseTotpCode,
  RECOVERY_CODE_COUNT,
} from '~/domain/two-factor'
import { hashToken, secretKey } from '~/utils/secrets.server'
import type { Actor } from './account-admin.server'
import { appendAudit } from './audit.server'

/**
 * TOTP (RFC 6238, SHA-1, 6 digits, 30 s) with single-use recovery codes.
 * The shared secret is stored encrypted with a key derived from the
 * server's secret key, so a copy of the database alone cannot mint codes.
 * See docs/decisions/010-two-factor.md.
 */
const ISSUER = 'Clearance'

function encryptionKey(): Buffer {
  return Buffer.from(
    crypto.hkdfSync('sha256', secretKey(), '', 'clearance totp secret', 32),
  )
}

export function sealSecret(base32: string): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', encryptionKey(), iv)
  const body = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()])
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
    .join('.')
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || !body)
    throw new Error('Unknown TOTP secret format')
  const decipher = crypto.createDecipheriv(
    'aes-256-gcm',
    encryptionKey(),
    Buffer.from(iv, 'base64'),
  )
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64')),
    decipher.final(),
  ]).toString('utf8')
}

/** The stored secret, or null when it cannot be opened (the key changed). */
function readSecret(sealed: string | null): string | null {
  if (!sealed) return null
  try {
    return openSecret(sealed)
  } catch {
    return null
  }
}

function totpFor(base32: string, label: string) {
  return new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(base32),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  })
}

/**
 * The secret being set up: the one already stored but not yet confirmed,
 * or a fresh one (160 bits). Reloading the page keeps the same QR code.
 */
export function startTotpSetup(db: Db, userId: number, email: string) {
  const row = db
    .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .get()
  if (!row) throw new Error('No such user')
  let base32 = row.enabledAt ? null : readSecret(row.secret)
  if (!base32) {
    base32 = new Secret({ size: 20 }).base32
    db.update(users)
      .set({ totpSecret: sealSecret(base32), totpEnabledAt: null })
      .where(eq(users.id, userId))
      .run()
  }
  return { secret: base32, uri: totpFor(base32, email).toString() }
}

// The last accepted time step per user, so a code seen over a shoulder or
// in a proxy log cannot be replayed within its window. In memory: after a
// restart at most one code could be reused, inside its 90 seconds.
const lastAcceptedStep = new Map<number, number>()

/** Checks a code against the user's stored secret (±1 step of drift). */
export function checkTotpCode(
  db: Db,
  userId: number,
  input: string,
  now = new Date(),
): boolean {
  const code = normaliseTotpCode(input)
  if (!code) return false
  const row = db
    .select({ secret: users.totpSecret })
    .from(users)
    .where(eq(users.id, userId))
    .get()
  const base32 = readSecret(row?.secret ?? null)
  if (!base32) return false
  const totp = totpFor(base32, '')
  const delta = totp.validate({
    token: code,
    timestamp: now.getTime(),
    window: 1,
  })
  if (delta === null) return false
  const step = TOTP.counter({ period: 30, timestamp: now.getTime() }) + delta
  if ((lastAcceptedStep.get(userId) ?? -1) >= step) return false
  lastAcceptedStep.set(userId, step)
  return true
}

/** Fresh recovery codes replacing any earlier ones, returned once. */
function replaceRecoveryCodes(db: Db, userId: number): string[] {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    formatRecoveryCode(crypto.randomBytes(10)),
  )
  db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run()
  db.insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashToken(code) })))
    .run()
  return codes
}

/**
 * Turns two-factor on after a confirmed code and returns the recovery
 * codes, the only time they exist in clear.
 */
export function enableTotp(db: Db, actor: Actor & { id: number }) {
  return db.transaction((tx) => {
    const now = new Date().toISOString()
    tx.update(users)
      .set({ totpEnabledAt: now, updatedAt: now })
      .where(eq(users.id, actor.id))
      .run()
    const codes = replaceRecoveryCodes(tx, actor.id)
    auditUser(tx, actor, actor.id, 'user.two_factor_enabled')
    return codes
  })
}

/**
 * Turns two-factor off for `userId`: by the user themselves, or by an admin
 * or the CLI for someone who lost both phone and recovery codes. Their
 * sessions end too when someone else does it, see resetUserTwoFactor.
 */
export function disableTotp(db: Db, actor: Actor, userId: number) {
  db.transaction((tx) => {
    tx.update(users)
      .set({
        totpSecret: null,
        totpEnabledAt: null,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(users.id, userId))
      .run()
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run()
    auditUser(
      tx,
      actor,
      userId,
      actor.id === userId
        ? 'user.two_factor_disabled'
        : 'user.two_factor_reset',
    )
  })
  lastAcceptedStep.delete(userId)
}

export function regenerateRecoveryCodes(db: Db, actor: Actor & { id: number }) {
  return db.transaction((tx) => {
    const codes = replaceRecoveryCodes(tx, actor.id)
    auditUser(tx, actor, actor.id, 'user.recovery_codes_replaced')
    return codes
  })
}

function auditUser(db: Db, actor: Actor, userId: number, action: string) {
  appendAudit(db, {
    actorId: actor.id,
    actorLabel: actor.label,
    action,
    entityType: 'user',
    entityId: userId,
    ipAddress: actor.ipAddress ?? null,
    requestId: actor.requestId ?? null,
  })
}

/** Spends a recovery code: true once per code, false ever after. */
export function spendRecoveryCode(db: Db, userId: number, input: string) {
  const code = normaliseRecoveryCode(input)
  if (!code) return false
  const result = db
    .update(recoveryCodes)
    .set({ usedAt: new Date().toISOString() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashToken(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .run()
  return result.changes === 1
}

export function countUnusedRecoveryCodes(db: Db, userId: number): number {
  const row = db
    .select({ unused: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .get()
  return row?.unused ?? 0
}
