import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { users, type Role } from '#db/schema/accounts'
import { findingEvents, findings, riskAcceptances } from '#db/schema/findings'
import { seedPhase2 } from '#db/seed/phase2'
import { verifyAuditChain } from '~/models/audit.server'
import { changeFindingStatus } from '~/models/finding-workflow.server'
import { expireRiskAcceptances } from '~/models/finding-expiry.server'
import {
  decideRiskAcceptance,
  requestRiskAcceptance,
} from '~/models/finding-risk.server'
import { createTestDb } from './test-db'

const { db } = createTestDb()
let assessmentId = 0
let counter = 0

function makeUser(role: Role, name: string) {
  counter += 1
  return db
    .insert(users)
    .values({ email: `${role}${counter}@example.test`, name, role })
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
    })
    .get()
}

function finding(reference: string) {
  const row = db
    .select()
    .from(findings)
    .where(
      and(
        eq(findings.assessmentId, assessmentId),
        eq(findings.reference, reference),
      ),
    )
    .get()
  if (!row) throw new Error(`missing ${reference}`)
  return row
}

beforeAll(() => {
  assessmentId = seedPhase2(db, '2026-12-01', '2026-12-01T08:00:00.000Z')
})

describe('Concurrent status changes', () => {
  test('Two changes from the same version: one wins, the other is told who changed what', () => {
    const ada = makeUser('engineer', 'Ada Engineer')
    const bob = makeUser('security', 'Bob Security')
    const target = finding('P2-002')

    const first = changeFindingStatus(db, ada, target.id, target.version, {
      to: 'in_progress',
    })
    const second = changeFindingStatus(db, bob, target.id, target.version, {
      to: 'false_positive',
      note: 'Parameterised already',
    })

    expect(first.ok).toBe(true)
    expect(second).toMatchObject({
      ok: false,
      kind: 'conflict',
      conflict: {
        changedBy: 'Ada Engineer',
        description: 'from Open to In progress',
        currentVersion: target.version + 1,
      },
    })
    if (!second.ok)
      expect(second.message).toContain('Ada Engineer changed this finding at')
    expect(finding('P2-002').status).toBe('in_progress')
    const events = db
      .select()
      .from(findingEvents)
      .where(eq(findingEvents.findingId, target.id))
      .all()
    expect(events.filter((event) => event.kind === 'status')).toHaveLength(1)
  })

  test('A fix, its evidence, the retest and the audit entries commit together', () => {
    const engineer = makeUser('engineer', 'Eve Engineer')
    const verifier = makeUser('security', 'Val Security')
    const target = finding('P2-003')

    const fixed = changeFindingStatus(db, engineer, target.id, target.version, {
      to: 'fixed',
      evidence: { pullRequest: 'https://git.example.test/pr/7' },
    })
    expect(fixed).toMatchObject({
      ok: true,
      finding: { status: 'fixed', fixedById: engineer.id },
    })

    const selfCheck = changeFindingStatus(
      db,
      engineer,
      target.id,
      target.version + 1,
      {
        to: 'verified',
        note: 'trust me',
      },
    )
    expect(selfCheck).toMatchObject({ ok: false, kind: 'refused' })

    const verified = changeFindingStatus(
      db,
      verifier,
      target.id,
      target.version + 1,
      {
        to: 'verified',
        note: 'Rate limit answers 429 after 100 requests',
      },
    )
    expect(verified).toMatchObject({
      ok: true,
      finding: { status: 'verified', verifiedById: verifier.id },
    })
    expect(verifyAuditChain(db).intact).toBe(true)
  })
})

describe('Risk acceptance expiry', () => {
  test('An approved acceptance reopens the finding at its expiry, not before', () => {
    const requester = makeUser('security', 'Rita Security')
    const approver = makeUser('security', 'Sam Security')
    const target = finding('P2-010')
    const asked = new Date('2026-12-02T10:00:00.000Z')

    expect(
      requestRiskAcceptance(
        db,
        requester,
        target.id,
        {
          justification: 'Only reachable from the office network',
          compensatingControls: 'VPN only',
          expiresOn: '2027-01-15',
        },
        { now: asked },
      ).ok,
    ).toBe(true)
    expect(
      decideRiskAcceptance(
        db,
        requester,
        target.id,
        target.version,
        'approve',
        undefined,
        { now: asked },
      ),
    ).toMatchObject({ ok: false, kind: 'refused' })
    expect(
      decideRiskAcceptance(
        db,
        approver,
        target.id,
        target.version,
        'approve',
        undefined,
        { now: asked },
      ),
    ).toMatchObject({
      ok: true,
      finding: {
        status: 'risk_accepted',
        riskAcceptedUntil: '2027-01-15T00:00:00.000Z',
      },
    })

    expect(
      expireRiskAcceptances(
        db,
        new Date('2027-01-14T23:59:59.999Z'),
        assessmentId,
      ),
    ).toBe(0)
    expect(finding('P2-010').status).toBe('risk_accepted')

    expect(
      expireRiskAcceptances(
        db,
        new Date('2027-01-15T00:00:00.000Z'),
        assessmentId,
      ),
    ).toBe(1)
    const after = finding('P2-010')
    expect(after).toMatchObject({ status: 'reopened', riskAcceptedUntil: null })
    const last = db
      .select()
      .from(findingEvents)
      .where(eq(findingEvents.findingId, target.id))
      .all()
      .at(-1)
    expect(last).toMatchObject({
      kind: 'status',
      fromStatus: 'risk_accepted',
      toStatus: 'reopened',
      actorId: null,
      note: 'Risk acceptance expired on 2027-01-15',
    })
    const acceptance = db
      .select()
      .from(riskAcceptances)
      .where(eq(riskAcceptances.findingId, target.id))
      .get()
    expect(acceptance?.status).toBe('expired')
    expect(
      expireRiskAcceptances(
        db,
        new Date('2027-02-01T00:00:00.000Z'),
        assessmentId,
      ),
    ).toBe(0)
  })

  test('An acceptance long past its expiry is reopened on the next look, once', () => {
    const requester = makeUser('security', 'Rae Security')
    const approver = makeUser('admin', 'Ann Admin')
    const target = finding('P2-011')
    const asked = new Date('2026-12-02T10:00:00.000Z')
    requestRiskAcceptance(
      db,
      requester,
      target.id,
      {
        justification: 'Low exposure',
        compensatingControls: 'WAF rule',
        expiresOn: '2026-12-20',
      },
      { now: asked },
    )
    decideRiskAcceptance(
      db,
      approver,
      target.id,
      target.version,
      'approve',
      'ok',
      { now: asked },
    )

    expect(
      expireRiskAcceptances(db, new Date('2027-06-01T00:00:00.000Z')),
    ).toBe(1)
    expect(
      expireRiskAcceptances(db, new Date('2027-06-01T00:00:00.000Z')),
    ).toBe(0)
    expect(finding('P2-011').status).toBe('reopened')
    expect(verifyAuditChain(db).intact).toBe(true)
  })
})
