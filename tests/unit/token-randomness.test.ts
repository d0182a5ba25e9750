import crypto from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { assessments } from '#db/schema/assessments'
import { getConnection, getDb, migrateDatabase } from '#db/client.server'
import { seedIfEmpty } from '#db/seed/seed.server'
import {
  TOKEN_PREFIX,
  checkApiToken,
  createApiToken,
} from '~/models/api-token.server'
import { createShareLink, openShareLink } from '~/models/report-share.server'
import { findActiveSession } from '~/models/session.server'
import { issueSetupToken, isValidSetupToken } from '~/models/setup.server'
import { createUser } from '~/models/user.server'
import { hashToken, randomToken } from '~/utils/secrets.server'
import { createTestDb } from './test-db'
import { csrfOf, signedInSession, TEST_TIMEOUTS } from './sessions'

/**
 * ASVS 7.2.3: session tokens, API tokens and the other bearer secrets
 * (share links, the setup link) carry at least 128 random bits, and the
 * database keeps only their keyed hash, so a copy of it opens nothing.
 *
 * Randomness cannot be proven by sampling; what can fail is the shape
 * (length, alphabet, decoded size), repeats over many draws, and bits that
 * never change, which is what a short, padded or half-constant token shows.
 */

const SECRET_KEY = 'unit-test-secret-key-of-at-least-32-chars'

beforeAll(() => {
  process.env.SECRET_KEY ??= SECRET_KEY
  process.env.DATABASE_PATH = ':memory:'
  migrateDatabase(getDb())
})

// 32 bytes in unpadded base64url: 43 characters.
const BASE64URL_256 = /^[A-Za-z0-9_-]{43}$/

/** The random bytes a token carries after its fixed prefix. */
function randomPart(token: string, prefix = '') {
  expect(token.startsWith(prefix)).toBe(true)
  const part = token.slice(prefix.length)
  expect(part).toMatch(BASE64URL_256)
  const bytes = Buffer.from(part, 'base64url')
  // Decoding back gives the same text: no padding, nothing dropped.
  expect(bytes.toString('base64url')).toBe(part)
  return bytes
}

/**
 * How often each of the 256 bit positions is set over `draws`. With fair
 * bits each count is binomial (n = draws, p = 1/2): for 10,000 draws the
 * standard deviation is 50, and 6 of them either side is a false alarm
 * about once in a billion runs per position. A constant or zero-padded
 * part of a token sits at 0 or 10,000.
 */
function assertBitsVary(draws: Buffer[]) {
  const counts = new Array<number>(256).fill(0)
  for (const bytes of draws)
    for (let bit = 0; bit < 256; bit++)
      if ((bytes[bit >> 3]! >> (bit & 7)) & 1) counts[bit]! += 1
  const half = draws.length / 2
  const limit = 6 * Math.sqrt(draws.length / 4)
  const skewed = counts
    .map((count, bit) => ({ bit, count }))
    .filter(({ count }) => Math.abs(count - half) > limit)
  expect(skewed).toEqual([])
}

function draw<T>(times: number, make: (index: number) => T): T[] {
  return Array.from({ length: times }, (_, index) => make(index))
}

describe('Generated tokens have 256 random bits', () => {
  it('randomToken gives 32 bytes as 43 base64url characters, never the same twice in 10,000', () => {
    const tokens = draw(10_000, () => randomToken())
    const bytes = tokens.map((token) => randomPart(token))
    for (const each of bytes) expect(each).toHaveLength(32)
    expect(new Set(tokens).size).toBe(tokens.length)
    assertBitsVary(bytes)
  })

  it('a prefix is added to the random part, never taken from it', () => {
    const token = randomToken('clr_share_')
    expect(randomPart(token, 'clr_share_')).toHaveLength(32)
  })

  it('session and CSRF tokens: 256 bits each, unique over 2,000 sessions', async () => {
    const { db } = getConnection()
    const user = await createUser(db, {
      email: 'sessions@example.test',
      name: 'Sessions',
      role: 'viewer',
    })
    const tokens = draw(2_000, () => signedInSession(db, user.id))
    const csrf = tokens.map((token) => csrfOf(db, token))
    for (const token of [...tokens, ...csrf])
      expect(randomPart(token)).toHaveLength(32)
    expect(new Set([...tokens, ...csrf]).size).toBe(4_000)
  })

  it('API tokens: 256 bits after `clr_`, and the shown prefix leaves over 128 unknown', async () => {
    const user = await createUser(getDb(), {
      email: 'api@example.test',
      name: 'API',
      role: 'viewer',
    })
    const made = draw(500, (index) =>
      createApiToken(getDb(), {
        userId: user.id,
        name: `token ${index}`,
        scopes: ['assessments:read'],
        expiresAt: new Date(Date.now() + 86_400_000),
      }),
    )
    for (const { secret, prefix } of made) {
      expect(randomPart(secret, TOKEN_PREFIX)).toHaveLength(32)
      // The list of tokens shows the prefix to tell them apart; what it
      // gives away of the random part must leave 128 bits unknown.
      expect(secret.startsWith(prefix)).toBe(true)
      const shownCharacters = prefix.length - TOKEN_PREFIX.length
      expect((43 - shownCharacters) * 6).toBeGreaterThanOrEqual(128)
    }
    expect(new Set(made.map(({ secret }) => secret)).size).toBe(500)
  })
})

describe('The database keeps only a keyed hash of each token', () => {
  /** Every value of every table of a database, as text. */
  function everythingStored({ sqlite } = getConnection()) {
    const tables = sqlite
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .pluck()
      .all() as string[]
    return tables
      .flatMap((table) =>
        (
          sqlite.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]
        ).flat(),
      )
      .map((value) =>
        Buffer.isBuffer(value) ? value.toString('hex') : String(value),
      )
      .join('\n')
  }

  it('stores the HMAC of session, API, share-link and setup tokens, which still find them, and never the tokens', async () => {
    const { db } = getConnection()
    // The setup link exists only while there is no user at all: it gets
    // a database of its own.
    const empty = createTestDb()
    const setup = issueSetupToken(empty.db)!
    expect(randomPart(setup)).toHaveLength(32)
    expect(isValidSetupToken(empty.db, setup)).toBe(true)

    seedIfEmpty(db)
    const user = await createUser(db, {
      email: 'stored@example.test',
      name: 'Stored',
      role: 'security',
    })
    const session = signedInSession(db, user.id)
    const api = createApiToken(db, {
      userId: user.id,
      name: 'stored',
      scopes: ['assessments:read'],
      expiresAt: new Date(Date.now() + 86_400_000),
    }).secret
    const assessment = db.select().from(assessments).limit(1).get()!
    const share = createShareLink(
      db,
      {
        assessmentId: assessment.id,
        label: 'auditor',
        expiresAt: new Date(Date.now() + 86_400_000),
      },
      { actor: user },
    ).token

    // Each still opens what it should, looked up by its hash.
    expect(findActiveSession(db, session, TEST_TIMEOUTS)?.user.id).toBe(user.id)
    expect(checkApiToken(db, api).ok).toBe(true)
    expect(openShareLink(db, share, { what: 'summary' })).not.toBeNull()

    const stored = `${everythingStored()}\n${everythingStored(empty)}`
    for (const [what, token, prefix] of [
      ['session', session, ''],
      ['API', api, TOKEN_PREFIX],
      ['share link', share, 'clr_share_'],
      ['setup link', setup, ''],
    ] as const) {
      const random = token.slice(prefix.length)
      expect(stored, `${what}: the token`).not.toContain(token)
      // Nor its random part (the API token's list prefix aside), in the
      // text or as hex.
      expect(stored, `${what}: its random part`).not.toContain(random.slice(6))
      expect(stored, `${what}: its bytes as hex`).not.toContain(
        Buffer.from(random, 'base64url').toString('hex'),
      )
      // What is there: HMAC-SHA256 under the server's key, not a plain
      // hash anyone could compute from a guess.
      const keyed = crypto
        .createHmac('sha256', process.env.SECRET_KEY!)
        .update(token)
        .digest('hex')
      expect(hashToken(token)).toBe(keyed)
      expect(stored, `${what}: its HMAC`).toContain(keyed)
      const plain = crypto.createHash('sha256').update(token).digest('hex')
      expect(stored, `${what}: a plain SHA-256`).not.toContain(plain)
    }
  })
})
