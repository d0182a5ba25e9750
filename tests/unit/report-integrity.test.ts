import { eq } from 'drizzle-orm'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { findings } from '#db/schema/findings'
import { seedIfEmpty } from '#db/seed/seed.server'
import { canonicalJson, contentDigest } from '~/domain/report-state'
import { exportReport, verifyReport } from '~/models/report-export.server'
import {
  createShareLink,
  openShareLink,
  revokeShareLink,
} from '~/models/report-share.server'
import { loadReportState } from '~/models/report.server'
import { createUser, type SafeUser } from '~/models/user.server'
import { findingsToCsv, neutraliseCell } from '~/reports/csv.server'
import { createTestDb } from './test-db'

const { db } = createTestDb()
const now = new Date('2026-12-03T10:00:00Z')
let actor: SafeUser
beforeAll(async () => {
  seedIfEmpty(db, new Date('2026-12-03T09:00:00Z'))
  actor = await createUser(db, {
    email: 'lead@example.test',
    name: 'Lead',
    role: 'security',
    password: 'a-long-enough-test-password',
  })
})

describe('The content digest', () => {
  it('is the same for key orders that differ', () => {
    expect(
      canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } }),
    ).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}')
  })

  it('stays the same when nothing changes and differs when one finding changes', () => {
    const first = contentDigest(loadReportState(db, 1, now))
    expect(contentDigest(loadReportState(db, 1, now))).toBe(first)
    db.update(findings)
      .set({ status: 'in_progress' })
      .where(eq(findings.reference, 'P2-010'))
      .run()
    expect(contentDigest(loadReportState(db, 1, now))).not.toBe(first)
  })
})

describe('Verifying an export', () => {
  it('recognises the exact file, says who exported it, and notices a later change', async () => {
    const file = await exportReport(
      db,
      1,
      'json',
      {
        userId: actor.id,
        label: actor.email,
        via: 'page',
      },
      now,
    )
    const unchanged = verifyReport(db, { bytes: file.bytes }, now)
    expect(unchanged.match).toBe('file')
    expect(unchanged.exports[0]?.exportedBy).toBe('Lead')
    expect(unchanged.changedSince).toBe(false)
    expect(verifyReport(db, { digest: file.contentDigest }, now).match).toBe(
      'content_digest',
    )

    const altered = new TextEncoder().encode(
      new TextDecoder().decode(file.bytes).replace('"open"', '"verified"'),
    )
    expect(verifyReport(db, { bytes: altered }, now).match).toBe(
      'content_digest',
    )

    db.update(findings)
      .set({ title: 'Changed', updatedAt: '2026-12-03T10:30:00.000Z' })
      .where(eq(findings.reference, 'P2-011'))
      .run()
    expect(verifyReport(db, { bytes: file.bytes }, now).changedSince).toBe(true)
    expect(verifyReport(db, { digest: 'f'.repeat(64) }, now).match).toBe('none')
  })
})

describe('The findings CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x'])
      expect(neutraliseCell(cell)).toBe(`'${cell}`)
    expect(neutraliseCell('Plain title')).toBe('Plain title')

    const state = loadReportState(db, 1, now)
    const [first] = state.findings
    if (!first) throw new Error('no finding')
    const csv = findingsToCsv([
      { ...first, title: '=HYPERLINK("http://evil.example","x")' },
    ])
    const rows = parse(csv, { columns: true }) as Record<string, string>[]
    expect(rows[0]?.title).toBe('\'=HYPERLINK("http://evil.example","x")')
    expect(csv).toContain('\r\n')
  })
})

describe('Auditor links', () => {
  it('open until they expire, and never after being revoked', () => {
    const context = { actor }
    const { token, id } = createShareLink(
      db,
      {
        assessmentId: 1,
        label: 'Auditor',
        expiresAt: new Date('2026-12-10T00:00:00Z'),
      },
      context,
    )
    expect(
      openShareLink(db, token, { what: 'summary' }, now)?.assessmentId,
    ).toBe(1)
    expect(
      openShareLink(
        db,
        token,
        { what: 'summary' },
        new Date('2026-12-10T00:00:01Z'),
      ),
    ).toBeNull()
    expect(
      openShareLink(db, `${token.slice(0, -1)}x`, { what: 'pdf' }, now),
    ).toBeNull()

    expect(revokeShareLink(db, { assessmentId: 1, id }, context, now)).toBe(
      true,
    )
    expect(openShareLink(db, token, { what: 'pdf' }, now)).toBeNull()
  })
})
