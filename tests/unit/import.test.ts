import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { assessments } from '#db/schema/assessments'
import { auditLog } from '#db/schema/audit'
import { findings } from '#db/schema/findings'
import { seedIfEmpty } from '#db/seed/seed.server'
import { parseFindingsCsv } from '~/domain/import/csv'
import { parseSarif } from '~/domain/import/sarif'
import { MAX_IMPORT_RESULTS } from '~/domain/import/types'
import { STANDARD_RULE_GATES } from '~/domain/standard-gates'
import { verifyAuditChain } from '~/models/audit.server'
import { applyImport, previewImport } from '~/models/import.server'
import { loadReadiness } from '~/models/readiness.server'
import { createUser, type SafeUser } from '~/models/user.server'
import { createTestDb } from './test-db'

const fixture = (name: string) =>
  fs.readFileSync(`tests/fixtures/import/${name}`, 'utf8')

describe('Reading SARIF', () => {
  it('maps a CodeQL security-severity score to a band, keeps it as imported and reads the CWE', () => {
    const parsed = parseSarif(fixture('codeql.sarif'))
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.findings).toHaveLength(2)
    const [sql] = parsed.findings
    expect(sql?.severity).toBe('high')
    expect(sql?.severityReason).toBe('security-severity 8.8 → high')
    expect(sql?.cvssScore).toBe(8.8)
    expect(sql?.scoreSource).toBe('imported')
    expect(sql?.cvssVector).toBeNull()
    expect(sql?.cweId).toBe(89)
    expect(sql?.title).toBe(
      'SQL query built from user-controlled sources in app/db/queries.py:42',
    )
    expect(sql?.affected).toEqual(['app/db/queries.py:42'])
  })

  it('falls back to the level for Semgrep rules without a score', () => {
    const parsed = parseSarif(fixture('semgrep.sarif'))
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.findings.map((finding) => finding.severity)).toEqual([
      'high',
      'low',
    ])
    expect(parsed.findings[0]?.severityReason).toBe('level error → high')
    expect(parsed.findings[0]?.cweId).toBe(522)
    expect(parsed.findings[1]?.scoreSource).toBeNull()
  })

  it('reads Trivy results, two on the same line kept apart by rule', () => {
    const parsed = parseSarif(fixture('trivy.sarif'))
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.findings.map((finding) => finding.severity)).toEqual([
      'high',
      'medium',
    ])
    expect(new Set(parsed.findings.map((f) => f.fingerprint)).size).toBe(2)
    expect(parsed.findings[0]?.source).toBe('sarif:Trivy')
  })

  it('refuses a file that is not JSON, or another SARIF version, with a message', () => {
    const notJson = parseSarif(fixture('not-json.sarif'))
    const wrongVersion = parseSarif(fixture('wrong-version.sarif'))
    expect(notJson).toEqual({
      ok: false,
      message: 'The file is not JSON, so it cannot be SARIF.',
    })
    expect(wrongVersion.ok).toBe(false)
    if (!wrongVersion.ok) expect(wrongVersion.message).toContain('"1.0.0"')
  })

  it('names the result and the field that is missing, and keeps the good ones', () => {
    const parsed = parseSarif(fixture('missing-fields.sarif'))
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.errors).toEqual([
      {
        row: 'runs[0].results[0]',
        field: 'ruleId',
        expected: 'the id of the rule that fired',
      },
      {
        row: 'runs[0].results[1]',
        field: 'message.text',
        expected: 'a text describing the result',
      },
    ])
    expect(parsed.findings).toHaveLength(1)
  })

  it('refuses more results than one import takes', () => {
    const result = {
      ruleId: 'r',
      message: { text: 'm' },
    }
    const log = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'X' } },
          results: Array.from({ length: MAX_IMPORT_RESULTS + 1 }, () => result),
        },
      ],
    }
    const parsed = parseSarif(JSON.stringify(log))
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.message).toContain('at most 20000')
  })
})

describe('Reading CSV', () => {
  it('reads the documented columns and computes the score from the vector', () => {
    const parsed = parseFindingsCsv(fixture('findings.csv'))
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.errors).toEqual([])
    expect(parsed.findings[0]).toMatchObject({
      reference: 'IMP-001',
      cvssScore: 6.1,
      scoreSource: 'computed',
      cweId: 601,
      owaspTop10: 'A01',
    })
    expect(parsed.findings[1]?.title).toBe('Verbose errors, with stack traces')
  })

  it('names the row, the field and what was expected for each bad cell', () => {
    const parsed = parseFindingsCsv(fixture('findings-bad.csv'))
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.findings.map((finding) => finding.reference)).toEqual([
      'IMP-010',
    ])
    expect(parsed.errors.map((error) => `${error.row} ${error.field}`)).toEqual(
      [
        'row 3 severity',
        'row 4 cvss_vector',
        'row 5 reference',
        'row 5 owasp_top10',
      ],
    )
  })
})

describe('Importing into an assessment', () => {
  const connection = createTestDb()
  const { db } = connection
  seedIfEmpty(db, new Date('2026-12-03T09:00:00Z'))
  let actor: SafeUser
  beforeAll(async () => {
    actor = await createUser(db, {
      email: 'security@example.test',
      name: 'Sec',
      role: 'security',
      password: 'a-long-enough-test-password',
    })
  })
  const auditCount = () => db.select().from(auditLog).all().length

  it('previews without writing, then writes, and a second import changes nothing', () => {
    const before = db.select().from(findings).all().length
    const preview = previewImport(db, 1, 'sarif', fixture('codeql.sarif'))
    if (!preview.ok) throw new Error(preview.message)
    expect(preview.plan.create).toHaveLength(2)
    expect(db.select().from(findings).all()).toHaveLength(before)

    const first = applyImport(
      db,
      { assessmentId: 1 },
      'sarif',
      fixture('codeql.sarif'),
      { actor },
    )
    expect(first.ok && first.plan.create).toHaveLength(2)
    expect(db.select().from(findings).all()).toHaveLength(before + 2)
    const audited = auditCount()

    const second = applyImport(
      db,
      { assessmentId: 1 },
      'sarif',
      fixture('codeql.sarif'),
      { actor },
    )
    if (!second.ok) throw new Error(second.message)
    expect(second.plan.create).toHaveLength(0)
    expect(second.plan.update).toHaveLength(0)
    expect(second.plan.skip.map((skip) => skip.reason)).toEqual([
      'unchanged',
      'unchanged',
    ])
    expect(db.select().from(findings).all()).toHaveLength(before + 2)
    expect(auditCount()).toBe(audited)
  })

  it('updates a finding matched by reference when a field differs', () => {
    applyImport(db, { assessmentId: 1 }, 'csv', fixture('findings.csv'), {
      actor,
    })
    const changed = fixture('findings.csv').replace(
      'Open redirect in login flow',
      'Open redirect after login',
    )
    const preview = previewImport(db, 1, 'csv', changed)
    if (!preview.ok) throw new Error(preview.message)
    expect(preview.plan.update.map((update) => update.changes)).toEqual([
      ['title'],
    ])
  })

  it('writes nothing, not even the new assessment, when the file is refused', () => {
    const assessmentsBefore = auditCount()
    const result = applyImport(
      db,
      {
        create: {
          name: 'New',
          slug: 'new-from-import',
          targetService: 'svc',
          assessor: 'me',
          assessedOn: '2026-12-01',
        },
      },
      'sarif',
      fixture('not-json.sarif'),
      { actor },
    )
    expect(result.ok).toBe(false)
    expect(auditCount()).toBe(assessmentsBefore)
    expect(
      db.select().from(findings).where(eq(findings.source, 'x')).all(),
    ).toHaveLength(0)
  })
  it('gives a new assessment the standard rule gates, so its open findings keep it from ready', () => {
    const result = applyImport(
      db,
      {
        create: {
          name: 'Scanner output',
          slug: 'gated-from-import',
          targetService: 'svc',
          assessor: 'CodeQL',
          assessedOn: '2026-12-01',
        },
      },
      'sarif',
      fixture('codeql.sarif'),
      { actor },
    )
    if (!result.ok) throw new Error(result.message)
    const created = db
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.slug, 'gated-from-import'))
      .get()
    const readiness = loadReadiness(db, created!.id)

    expect(readiness.gates.map((gate) => gate.name)).toEqual(
      STANDARD_RULE_GATES.map((gate) => gate.name),
    )
    expect(readiness.ready).toBe(false)
    expect(readiness.failing.map((gate) => gate.name)).toContain(
      'Every high finding verified or risk-accepted',
    )
  })
  it('stores each finding with its created event, burndown change and audit entry, and an update with its changes', () => {
    const at = new Date('2026-12-02T08:00:00.000Z')
    const target = {
      create: {
        name: 'Stored in full',
        slug: 'stored-in-full',
        targetService: 'svc',
        assessor: 'me',
        assessedOn: '2026-12-01',
      },
    }
    const first = applyImport(
      db,
      target,
      'csv',
      fixture('findings.csv'),
      {
        actor,
      },
      at,
    )
    if (!first.ok || first.assessmentId === undefined)
      throw new Error('import refused')
    const assessmentId = first.assessmentId
    const changed = fixture('findings.csv').replace(
      'Open redirect in login flow',
      'Open redirect after login',
    )
    const second = applyImport(
      db,
      { assessmentId },
      'csv',
      changed,
      {
        actor,
      },
      at,
    )
    if (!second.ok) throw new Error(second.message)

    const created = first.plan.create
    const stored = db
      .select()
      .from(findings)
      .where(eq(findings.assessmentId, assessmentId))
      .orderBy(findings.reference)
      .all()
    expect(stored.map((row) => row.reference)).toEqual(
      created.map((finding) => finding.reference).sort(),
    )
    for (const row of stored) {
      const source = created.find((c) => c.reference === row.reference)!
      expect(row).toMatchObject({
        severity: source.severity,
        auditorSeverity: source.severity,
        affected: source.affected,
        cvssScore: source.cvssScore,
        auditorCvssScore: source.cvssScore,
        fingerprint: source.fingerprint,
        status: 'open',
        createdAt: at.toISOString(),
      })
    }

    const events = connection.sqlite
      .prepare(
        `select f.reference, e.kind, e.to_status as toStatus, e.changes, e.actor_id as actorId
         from finding_events e join findings f on f.id = e.finding_id
         where e.assessment_id = ? order by e.id`,
      )
      .all(assessmentId)
    expect(events).toEqual([
      ...stored
        .map((row) => row.reference)
        .map((reference) => ({
          reference,
          kind: 'created',
          toStatus: 'open',
          changes: null,
          actorId: actor.id,
        })),
      {
        reference: 'IMP-001',
        kind: 'edited',
        toStatus: null,
        changes: JSON.stringify({
          title: {
            from: 'Open redirect in login flow',
            to: 'Open redirect after login',
          },
        }),
        actorId: actor.id,
      },
    ])
    const opened = connection.sqlite
      .prepare(
        'select sum(delta) as open from finding_open_deltas where assessment_id = ?',
      )
      .get(assessmentId) as { open: number }
    expect(opened.open).toBe(stored.length)

    const audited = db
      .select({ action: auditLog.action, entityId: auditLog.entityId })
      .from(auditLog)
      .where(eq(auditLog.assessmentId, assessmentId))
      .orderBy(auditLog.id)
      .all()
    expect(audited.map((entry) => entry.action)).toEqual([
      'assessment.created',
      ...stored.map(() => 'finding.imported'),
      'finding.import_updated',
    ])
    expect(verifyAuditChain(db)).toMatchObject({ intact: true })
  })
})
