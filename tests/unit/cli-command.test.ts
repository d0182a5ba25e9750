import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase } from '#db/client.server'
import { seedIfEmpty } from '#db/seed/seed.server'

/**
 * `npm run clearance` as an operator runs it: a separate process on the
 * database file, answering with text and an exit code (docs/cli.md). The
 * models behind it have their own tests; this checks the command's
 * contract: what it prints, what it refuses and how, what it stores, and
 * that a broken audit chain fails a nightly job.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clearance-cli-'))
const databasePath = path.join(dir, 'clearance.db')
const connection = openDatabase(databasePath)
const secretKey = crypto.randomBytes(32).toString('base64')

function cli(args: string[], input = '') {
  const run = spawnSync(
    'node_modules/.bin/tsx',
    ['bin/clearance.ts', ...args],
    {
      encoding: 'utf8',
      input,
      env: {
        ...process.env,
        DATABASE_PATH: databasePath,
        SECRET_KEY: secretKey,
        LOG_LEVEL: 'silent',
      },
    },
  )
  return { code: run.status, out: run.stdout, err: run.stderr }
}

const row = <T>(query: string, ...params: unknown[]) =>
  connection.sqlite.prepare(query).get(...params) as T

/** `user create` for a person named after their e-mail address. */
const createUser = (email: string, role: string, stdin?: string) =>
  cli(
    [
      'user',
      'create',
      '--email',
      email,
      '--name',
      `Person ${email}`,
      '--role',
      role,
      ...(stdin === undefined ? [] : ['--password-stdin']),
    ],
    stdin,
  )

/** `token create` for the lead, named deploy. */
const createToken = (scopes: string, days: string) =>
  cli([
    'token',
    'create',
    '--email',
    'lead@example.test',
    '--name',
    'deploy',
    '--scopes',
    scopes,
    '--days',
    days,
  ])

beforeAll(() => {
  migrateDatabase(connection.db)
  seedIfEmpty(connection.db, new Date('2026-12-03T09:00:00Z'))
})

afterAll(() => {
  connection.sqlite.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('npm run clearance', () => {
  it('creates a user with a password from standard input, stored only as an argon2id hash', () => {
    const password = 'a long enough pass phrase'
    const answer = createUser('lead@example.test', 'security', `${password}\n`)
    expect(answer.code).toBe(0)
    expect(answer.out).toMatch(
      /^Created user \d+ lead@example.test \(security\)\.\n$/,
    )
    const user = row<{ role: string; password_hash: string }>(
      'select role, password_hash from users where email = ?',
      'lead@example.test',
    )
    expect(user.role).toBe('security')
    expect(user.password_hash).toMatch(/^\$argon2id\$/)
    expect(user.password_hash).not.toContain(password)
  })

  it('prints a generated password once when none is given', () => {
    const answer = createUser('eng@example.test', 'engineer')
    expect(answer.code).toBe(0)
    expect(answer.out).toMatch(/Password \(shown once\): \S{16,}\n$/)
  })

  it('refuses bad input with exit 2 and a message naming the option, storing nothing', () => {
    const users = () => row<{ n: number }>('select count(*) as n from users').n
    const before = users()
    const role = createUser('x@example.test', 'superuser')
    expect(role).toMatchObject({ code: 2 })
    expect(role.err).toContain('--role must be one of admin')
    const email = createUser('not-an-address', 'viewer')
    expect(email).toMatchObject({ code: 2 })
    expect(email.err).toContain('--email is not an e-mail address')
    const weak = createUser('y@example.test', 'viewer', 'short\n')
    expect(weak).toMatchObject({ code: 2 })
    expect(weak.err).toMatch(/at least 8/i)
    const duplicate = createUser('lead@example.test', 'viewer')
    expect(duplicate).toMatchObject({ code: 2 })
    expect(duplicate.err).toContain('lead@example.test already exists')
    expect(users()).toBe(before)

    const unknown = cli(['user', 'promote'])
    expect(unknown.code).toBe(2)
    expect(unknown.out).toContain('Usage: npm run clearance')
  })

  it('creates a scoped, expiring token shown once, and revokes it', () => {
    const tooLong = createToken('readiness:read', '400')
    expect(tooLong).toMatchObject({ code: 2 })
    expect(tooLong.err).toContain('--days must be 1 to 366')
    const badScope = createToken('everything', '30')
    expect(badScope).toMatchObject({ code: 2 })
    expect(badScope.err).toContain('--scopes takes a comma list of')

    const created = createToken('readiness:read,assessments:read', '30')
    expect(created.code).toBe(0)
    const [, id, secret] =
      /^Token (\d+) for lead@example.test \(shown once\):\n(clr_\S+)\n$/.exec(
        created.out,
      ) ?? []
    expect(secret).toBeDefined()
    const stored = row<{ scopes: string; expires_at: string }>(
      'select * from api_tokens where id = ?',
      Number(id),
    )
    expect(JSON.stringify(stored)).not.toContain(secret!)
    expect(JSON.parse(stored.scopes)).toEqual([
      'readiness:read',
      'assessments:read',
    ])
    const days = (Date.parse(stored.expires_at) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThanOrEqual(30)

    const revoked = cli(['token', 'revoke', '--id', id!])
    expect(revoked).toMatchObject({ code: 0, out: `Revoked token ${id}.\n` })
    expect(
      row<{ revoked_at: string | null }>(
        'select revoked_at from api_tokens where id = ?',
        Number(id),
      ).revoked_at,
    ).not.toBeNull()
  })

  it('adds a member and disables a user, each written to the audit log as cli', () => {
    expect(
      cli([
        'member',
        'add',
        '--assessment',
        'phase-2-backend',
        '--email',
        'eng@example.test',
      ]),
    ).toMatchObject({
      code: 0,
      out: 'Added eng@example.test to phase-2-backend.\n',
    })
    expect(
      cli([
        'member',
        'add',
        '--assessment',
        'nowhere',
        '--email',
        'eng@example.test',
      ]),
    ).toMatchObject({ code: 2, err: 'No assessment nowhere\n' })
    expect(
      cli(['user', 'disable', '--email', 'eng@example.test']),
    ).toMatchObject({ code: 0 })
    expect(
      row<{ disabled_at: string | null }>(
        'select disabled_at from users where email = ?',
        'eng@example.test',
      ).disabled_at,
    ).not.toBeNull()
    const actors = connection.sqlite
      .prepare(
        "select distinct actor_label from audit_log where action like 'user.%' or action like 'member%' or action like 'api_token.%'",
      )
      .all()
    expect(actors).toEqual([{ actor_label: 'cli' }])
  })

  it('says the audit chain is intact, and exits 1 naming the entry once a row is edited', () => {
    const intact = cli(['audit', 'verify'])
    expect(intact.code).toBe(0)
    expect(intact.out).toMatch(/^Audit chain intact: \d+ entries\.\n$/)

    const { id } = row<{ id: number }>(
      'select id from audit_log order by id limit 1 offset 1',
    )
    connection.sqlite
      .prepare("update audit_log set actor_label = 'someone else' where id = ?")
      .run(id)
    const broken = cli(['audit', 'verify'])
    expect(broken.code).toBe(1)
    expect(broken.out).toContain(`Audit chain BROKEN at entry ${id}`)
  })
})
