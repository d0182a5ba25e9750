import { TOTP, Secret } from 'otpauth'
import { desc } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '#db/schema/audit'
import { PasswordSchema } from '~/domain/password-policy'
import {
  formatRecoveryCode,
  mustSetUpTwoFactor,
  normaliseRecoveryCode,
} from '~/domain/two-factor'
import {
  changeOwnPassword,
  createApiTokenAudited,
  disableUser,
  resetUserTwoFactor,
} from '~/models/account-admin.server'
import { checkApiToken } from '~/models/api-token.server'
import { verifyAuditChain } from '~/models/audit.server'
import {
  completeSecondFactor,
  createSession,
  findActiveSession,
} from '~/models/session.server'
import {
  checkTotpCode,
  countUnusedRecoveryCodes,
  enableTotp,
  openSecret,
  sealSecret,
  spendRecoveryCode,
  startTotpSetup,
} from '~/models/two-factor.server'
import {
  createUser,
  getUserById,
  verifyUserPassword,
} from '~/models/user.server'
import { createTestDb } from './test-db'

beforeAll(() => {
  process.env.SECRET_KEY ??= 'unit-test-secret-key-of-at-least-32-chars'
})

const timeouts = { idleMinutes: 60, absoluteHours: 12 }

async function setup() {
  const { db } = createTestDb()
  const user = await createUser(db, {
    email: 'sam@example.test',
    name: 'Sam',
    role: 'security',
    password: 'a sufficiently long one',
  })
  const actor = { id: user.id, label: user.email }
  return { db, user, actor }
}

function session(
  db: ReturnType<typeof createTestDb>['db'],
  userId: number,
  now = new Date(),
) {
  return createSession(
    db,
    { userId, pendingSecondFactor: false, ipAddress: null, userAgent: null },
    timeouts,
    now,
  )
}

describe('Passwords', () => {
  it('refuses 7 characters and common passwords, accepts 8', () => {
    expect(PasswordSchema.safeParse('abcdefg').success).toBe(false)
    expect(PasswordSchema.safeParse('password').success).toBe(false)
    expect(PasswordSchema.safeParse('Password').success).toBe(false)
    expect(PasswordSchema.safeParse('kq7#vt2m').success).toBe(true)
    expect(PasswordSchema.safeParse('x'.repeat(64)).success).toBe(true)
  })

  it('a password change ends the other sessions and keeps this one', async () => {
    const { db, user, actor } = await setup()
    const mine = session(db, user.id)
    const other = session(db, user.id)
    const current = findActiveSession(db, mine, timeouts)
    expect(current).not.toBeNull()

    await changeOwnPassword(db, actor, current!.id, 'a brand new passphrase')

    expect(findActiveSession(db, mine, timeouts)).not.toBeNull()
    expect(findActiveSession(db, other, timeouts)).toBeNull()
    expect(
      await verifyUserPassword(db, user.id, 'a brand new passphrase'),
    ).toBe(true)
    expect(
      await verifyUserPassword(db, user.id, 'a sufficiently long one'),
    ).toBe(false)
    expect(verifyAuditChain(db)).toMatchObject({ intact: true, entries: 1 })
  })
})

describe('Sessions', () => {
  it('expire after the idle limit and after the absolute limit', async () => {
    const { db, user } = await setup()
    const start = new Date('2026-12-01T08:00:00Z')
    const idle = session(db, user.id, start)
    expect(
      findActiveSession(db, idle, timeouts, new Date('2026-12-01T08:59:00Z')),
    ).not.toBeNull()
    expect(
      findActiveSession(db, idle, timeouts, new Date('2026-12-01T10:00:00Z')),
    ).toBeNull()

    const busy = session(db, user.id, start)
    // Used every 50 minutes it never idles out, but dies at 12 hours.
    for (let minutes = 50; minutes < 12 * 60; minutes += 50)
      expect(
        findActiveSession(
          db,
          busy,
          timeouts,
          new Date(start.getTime() + minutes * 60_000),
        ),
      ).not.toBeNull()
    expect(
      findActiveSession(db, busy, timeouts, new Date('2026-12-01T20:00:01Z')),
    ).toBeNull()
  })

  it('get a new token when the second factor completes', async () => {
    const { db, user } = await setup()
    const pending = createSession(
      db,
      {
        userId: user.id,
        pendingSecondFactor: true,
        ipAddress: null,
        userAgent: null,
      },
      timeouts,
    )
    const before = findActiveSession(db, pending, timeouts)!
    const fresh = completeSecondFactor(db, before.id)
    expect(findActiveSession(db, pending, timeouts)).toBeNull()
    const after = findActiveSession(db, fresh, timeouts)!
    expect(after.pendingSecondFactor).toBe(false)
    expect(after.csrfToken).not.toBe(before.csrfToken)
  })
})

describe('Two-factor', () => {
  it('stores the secret sealed and accepts a current code only once', async () => {
    const { db, user } = await setup()
    const { secret } = startTotpSetup(db, user.id, user.email)
    expect(openSecret(sealSecret(secret))).toBe(secret)
    const now = new Date('2026-12-03T12:00:10Z')
    const code = TOTP.generate({
      secret: Secret.fromBase32(secret),
      timestamp: now.getTime(),
    })

    const wrong = code === '000000' ? '111111' : '000000'
    expect(checkTotpCode(db, user.id, wrong, now)).toBe(false)
    expect(checkTotpCode(db, user.id, code, now)).toBe(true)
    expect(checkTotpCode(db, user.id, code, now)).toBe(false)
    const later = new Date(now.getTime() + 30_000)
    const next = TOTP.generate({
      secret: Secret.fromBase32(secret),
      timestamp: later.getTime(),
    })
    expect(checkTotpCode(db, user.id, next, later)).toBe(true)
    const muchLater = new Date(now.getTime() + 10 * 60_000)
    expect(checkTotpCode(db, user.id, code, muchLater)).toBe(false)
  })

  it('gives ten recovery codes, each usable once, in any case or spacing', async () => {
    const { db, user, actor } = await setup()
    startTotpSetup(db, user.id, user.email)
    const codes = enableTotp(db, actor)
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    const first = codes[0]!
    expect(
      spendRecoveryCode(db, user.id, first.toUpperCase().replace('-', ' ')),
    ).toBe(true)
    expect(spendRecoveryCode(db, user.id, first)).toBe(false)
    expect(spendRecoveryCode(db, user.id, 'aaaaa-aaaaa')).toBe(false)
  })

  it('an admin reset turns it off, ends the sessions and is audited', async () => {
    const { db, user, actor } = await setup()
    startTotpSetup(db, user.id, user.email)
    enableTotp(db, actor)
    const cookie = session(db, user.id)

    const ended = resetUserTwoFactor(db, { id: null, label: 'cli' }, user.id)

    expect(ended).toBe(1)
    expect(findActiveSession(db, cookie, timeouts)).toBeNull()
    expect(getUserById(db, user.id)?.totpEnabledAt).toBeNull()
    expect(countUnusedRecoveryCodes(db, user.id)).toBe(0)
    const [last] = db
      .select()
      .from(auditLog)
      .orderBy(desc(auditLog.id))
      .limit(1)
      .all()
    expect(last).toMatchObject({
      action: 'user.two_factor_reset',
      actorLabel: 'cli',
    })
  })

  it('formats and normalises recovery codes', () => {
    const code = formatRecoveryCode(new Uint8Array(10).fill(1))
    expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/)
    expect(normaliseRecoveryCode(` ${code.toUpperCase()} `)).toBe(code)
    expect(normaliseRecoveryCode('short')).toBeNull()
  })

  it('is required only for the listed roles of users without it', () => {
    const admin = { role: 'admin' as const, totpEnabledAt: null }
    expect(mustSetUpTwoFactor(admin, ['admin', 'security'])).toBe(true)
    expect(
      mustSetUpTwoFactor({ ...admin, totpEnabledAt: '2026-12-01' }, ['admin']),
    ).toBe(false)
    expect(
      mustSetUpTwoFactor({ role: 'engineer', totpEnabledAt: null }, ['admin']),
    ).toBe(false)
    expect(mustSetUpTwoFactor(admin, [])).toBe(false)
  })
})

describe('Disabling a user', () => {
  it('ends their sessions and revokes their tokens at once, with an audit entry', async () => {
    const { db, user } = await setup()
    const cookie = session(db, user.id)
    const token = createApiTokenAudited(
      db,
      { id: null, label: 'cli' },
      {
        userId: user.id,
        name: 'ci',
        scopes: ['findings:read'],
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    )
    expect(checkApiToken(db, token.secret).ok).toBe(true)

    expect(disableUser(db, { id: null, label: 'cli' }, user.id)).toBe(true)

    expect(findActiveSession(db, cookie, timeouts)).toBeNull()
    expect(checkApiToken(db, token.secret)).toEqual({
      ok: false,
      reason: 'revoked',
    })
    expect(verifyAuditChain(db)).toMatchObject({ intact: true, entries: 2 })
  })
})
