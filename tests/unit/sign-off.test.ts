import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { findings } from '#db/schema/findings'
import { signOffs } from '#db/schema/reports'
import { seedIfEmpty } from '#db/seed/seed.server'
import { signedStateDigest } from '~/domain/report-state'
import { loadReportState } from '~/models/report.server'
import {
  addSignOffRequirement,
  getSignOffStatus,
  signAssessment,
} from '~/models/sign-off.server'
import { createUser, type SafeUser } from '~/models/user.server'
import { createTestDb } from './test-db'

const { db } = createTestDb()
let lead: SafeUser
let viewer: SafeUser
let outsider: SafeUser
beforeAll(async () => {
  seedIfEmpty(db, new Date('2026-12-03T09:00:00Z'))
  const make = (role: SafeUser['role'], name: string) =>
    createUser(db, {
      email: `${name}@example.test`,
      name,
      role,
      password: 'a-long-enough-test-password',
    })
  lead = await make('security', 'lead')
  viewer = await make('viewer', 'owner')
  outsider = await make('security', 'outsider')
})

describe('Signing an assessment off', () => {
  it('refuses signers outside the policy, and a signature without an exception while gates fail', () => {
    addSignOffRequirement(
      db,
      { assessmentId: 1, userId: viewer.id, capacity: 'Service owner' },
      { actor: lead },
    )
    const state = loadReportState(db, 1)
    expect(state.verdict.ready).toBe(false)
    const input = { assessmentId: 1, state, statement: 'I accept this.' }

    expect(
      signAssessment(
        db,
        { ...input, gateException: null },
        { actor: outsider },
      ),
    ).toMatchObject({ ok: false, field: 'signer' })
    expect(
      signAssessment(db, { ...input, gateException: null }, { actor: viewer }),
    ).toMatchObject({ ok: false, field: 'gateException' })
    expect(db.select().from(signOffs).all()).toHaveLength(0)
  })

  it('records the signed state with its digest, and turns stale when a finding changes', () => {
    const state = loadReportState(db, 1)
    const signed = signAssessment(
      db,
      {
        assessmentId: 1,
        state,
        statement: 'Signed with the open blockers known.',
        gateException: 'Blockers P2-001 to P2-005 are accepted for the pilot.',
      },
      { actor: viewer },
    )
    expect(signed).toEqual({ ok: true, stateDigest: signedStateDigest(state) })
    const [row] = db.select().from(signOffs).all()
    expect(row?.signerName).toBe('owner')
    expect(row?.gateException).toContain('pilot')
    expect(getSignOffStatus(db, 1)).toMatchObject({
      signedOff: true,
      required: [{ capacity: 'Service owner', stale: false }],
    })

    db.update(findings)
      .set({ status: 'in_progress', updatedAt: '2999-01-01T00:00:00.000Z' })
      .where(eq(findings.reference, 'P2-001'))
      .run()
    expect(getSignOffStatus(db, 1)).toMatchObject({
      signedOff: false,
      required: [{ stale: true }],
    })
    expect(loadReportState(db, 1).signOffs[0]?.stale).toBe(true)
  })

  it('refuses to name the same signer twice', () => {
    expect(
      addSignOffRequirement(
        db,
        { assessmentId: 1, userId: viewer.id, capacity: 'Management' },
        { actor: lead },
      ),
    ).toMatchObject({ ok: false, field: 'userId' })
  })
})
