import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase } from '#db/client.server'
import { findings } from '#db/schema/findings'
import { seedIfEmpty } from '#db/seed/seed.server'
import { exportReport } from '~/models/report-export.server'
import { createUser } from '~/models/user.server'

/**
 * `npm run verify-report` as an auditor or a pipeline runs it: a separate
 * process on the database file, answering with text and an exit code. The
 * model behind it is tested in report-integrity.test.ts; this checks what
 * the command says and, above all, that only a genuine file exits 0.
 */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clearance-verify-'))
const databasePath = path.join(dir, 'clearance.db')
const connection = openDatabase(databasePath)
const exported = path.join(dir, 'report.json')
let contentDigest = ''

function verify(...args: string[]) {
  const run = spawnSync(
    'node_modules/.bin/tsx',
    ['scripts/verify-report.ts', ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_PATH: databasePath, LOG_LEVEL: 'silent' },
    },
  )
  return { code: run.status, out: run.stdout, err: run.stderr }
}

beforeAll(async () => {
  migrateDatabase(connection.db)
  seedIfEmpty(connection.db, new Date('2026-12-03T09:00:00Z'))
  const lead = await createUser(connection.db, {
    email: 'lead@example.test',
    name: 'Lead',
    role: 'security',
    password: 'a-long-enough-test-password',
  })
  const file = await exportReport(connection.db, 1, 'json', {
    userId: lead.id,
    label: lead.email,
    via: 'page',
  })
  fs.writeFileSync(exported, file.bytes)
  contentDigest = file.contentDigest
})

afterAll(() => {
  connection.sqlite.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('npm run verify-report', () => {
  it('recognises the exact file, names who exported it, and exits 0', () => {
    const answer = verify(exported)
    expect(answer.out).toContain('PRODUCED BY CLEARANCE')
    expect(answer.out).toContain('Exported: json by Lead at ')
    expect(answer.out).toContain(`Content digest: ${contentDigest}`)
    expect(answer.out).toContain('UNCHANGED')
    expect(answer.code).toBe(0)
  })

  it('recognises a content digest typed in', () => {
    const answer = verify(contentDigest)
    expect(answer.out).toContain('KNOWN CONTENT DIGEST')
    expect(answer.code).toBe(0)
  })

  it('calls a file altered, and exits 1, when it names a known digest but its bytes differ', () => {
    const text = fs.readFileSync(exported, 'utf8')
    const altered = path.join(dir, 'altered.json')
    fs.writeFileSync(altered, text.replace('"critical"', '"low"'))
    expect(fs.readFileSync(altered, 'utf8')).not.toBe(text)
    const answer = verify(altered)
    expect(answer.out).toContain('ALTERED FILE')
    expect(answer.code).toBe(1)
  })

  it('does not recognise a file it never exported, and exits 1', () => {
    const stranger = path.join(dir, 'stranger.json')
    fs.writeFileSync(stranger, '{"format":"clearance-report"}')
    const answer = verify(stranger)
    expect(answer.out).toContain('NOT RECOGNISED')
    expect(answer.code).toBe(1)
  })

  it('says when the assessment changed since the export, and still exits 0', () => {
    connection.db
      .update(findings)
      .set({ status: 'in_progress' })
      .where(eq(findings.reference, 'P2-010'))
      .run()
    const answer = verify(exported)
    expect(answer.out).toContain('PRODUCED BY CLEARANCE')
    expect(answer.out).toContain('CHANGED SINCE')
    expect(answer.code).toBe(0)
  })

  it('explains its use, and exits 2, without an argument or with a missing file', () => {
    expect(verify()).toMatchObject({ code: 2 })
    expect(verify().err).toContain('Usage: npm run verify-report')
    const missing = verify(path.join(dir, 'nowhere.pdf'))
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('not a 64-hex digest')
  })
})
