import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { users } from '#db/schema/accounts'
import { auditLog } from '#db/schema/audit'
import { gates } from '#db/schema/gates'
import { seedPhase2 } from '#db/seed/phase2'
import { fieldErrors, RuleGateSchema } from '~/domain/gate-forms'
import type { AuditActor } from '~/models/audit-actor.server'
import {
  createChecklistGate,
  createRuleGate,
  setGateChecked,
  setGateEnabled,
} from '~/models/gate.server'
import { listPhaseChoices } from '~/models/plan.server'
import { loadReadiness } from '~/models/readiness.server'
import { createTestDb } from './test-db'

const actor: AuditActor = {
  userId: 1,
  label: 'Sam Security',
  ipAddress: null,
  requestId: null,
}

function setup() {
  const { db } = createTestDb()
  const id = seedPhase2(db, '2026-12-07', '2026-12-07T08:00:00.000Z')
  db.insert(users)
    .values({
      email: 'sam@example.test',
      name: 'Sam Security',
      role: 'security',
    })
    .run()
  const gateNamed = (name: string) => {
    const gate = db
      .select()
      .from(gates)
      .where(and(eq(gates.assessmentId, id), eq(gates.name, name)))
      .get()
    if (!gate) throw new Error(name)
    return gate
  }
  return { db, id, gateNamed }
}

describe('The rule gate form', () => {
  it('requires a severity for the severity rules', () => {
    const parsed = RuleGateSchema.safeParse({
      ruleKind: 'no_open_at_or_above',
      name: 'No open high',
      severity: '',
    })
    expect(parsed.success).toBe(false)
    if (!parsed.success)
      expect(fieldErrors(parsed.error).severity).toBe('Choose a severity.')
  })

  it('refuses an unknown rule kind and an empty name', () => {
    const parsed = RuleGateSchema.safeParse({ ruleKind: 'anything', name: '' })
    expect(parsed.success).toBe(false)
    if (!parsed.success)
      expect(Object.keys(fieldErrors(parsed.error))).toContain('ruleKind')
    const unnamed = RuleGateSchema.safeParse({
      ruleKind: 'fixed_verified',
      name: '  ',
    })
    expect(unnamed.success).toBe(false)
  })

  it('needs at least one resolving status, and only closed ones', () => {
    const base = { ruleKind: 'severity_resolved', name: 'x', severity: 'high' }
    expect(RuleGateSchema.safeParse({ ...base, statuses: [] }).success).toBe(
      false,
    )
    expect(
      RuleGateSchema.safeParse({ ...base, statuses: ['fixed'] }).success,
    ).toBe(false)
    expect(
      RuleGateSchema.safeParse({ ...base, statuses: ['verified'] }).success,
    ).toBe(true)
  })

  it('reads an empty phase as the whole plan', () => {
    const parsed = RuleGateSchema.parse({
      ruleKind: 'no_overdue_tasks',
      name: 'No overdue task',
      phaseId: '',
    })
    expect(parsed).toMatchObject({ ruleKind: 'no_overdue_tasks' })
    expect('phaseId' in parsed && parsed.phaseId).toBeFalsy()
  })
})

describe('Changing gates', () => {
  it('adds a rule gate that is evaluated with the others', () => {
    const { db, id } = setup()
    const result = createRuleGate(
      db,
      id,
      {
        ruleKind: 'no_open_at_or_above',
        name: 'No open medium or worse',
        description: '',
        severity: 'medium',
      },
      actor,
    )
    expect(result.ok).toBe(true)
    const gate = loadReadiness(db, id).gates.find(
      (entry) => entry.name === 'No open medium or worse',
    )
    expect(gate?.passed).toBe(false)
    expect(gate?.reasons).toHaveLength(17)
  })

  it('refuses a phase of another assessment', () => {
    const { db, id } = setup()
    const other = seedPhase2(db, '2026-12-07', '2026-12-07T08:00:00.000Z', {
      slug: 'other',
      name: 'Other',
    })
    const [foreignPhase] = listPhaseChoices(db, other)
    expect(
      createRuleGate(
        db,
        id,
        {
          ruleKind: 'no_overdue_tasks',
          name: 'x',
          description: '',
          phaseId: foreignPhase?.id,
        },
        actor,
      ),
    ).toEqual({ ok: false, reason: 'not_found' })
  })

  it('records who ticked a checklist gate, when and why, and audits it', () => {
    const { db, id, gateNamed } = setup()
    const gate = gateNamed('Secrets scan clean')
    const at = new Date('2026-12-09T10:00:00Z')
    setGateChecked(db, id, gate.id, 'gitleaks: clean', actor, at)
    const result = loadReadiness(db, id).gates.find((g) => g.id === gate.id)
    expect(result).toMatchObject({
      passed: true,
      checkedBy: 'Sam Security',
      checkedAt: at.toISOString(),
      checkNote: 'gitleaks: clean',
    })
    setGateChecked(db, id, gate.id, null, actor)
    expect(gateNamed('Secrets scan clean').checkedAt).toBeNull()
    const actions = db
      .select({ action: auditLog.action })
      .from(auditLog)
      .all()
      .map((row) => row.action)
    expect(actions).toEqual(['gate.checked', 'gate.unchecked'])
  })

  it('ticks only checklist gates, and a disabled gate stops failing the verdict', () => {
    const { db, id, gateNamed } = setup()
    const blockers = gateNamed('No open production blocker')
    expect(setGateChecked(db, id, blockers.id, 'no', actor)).toEqual({
      ok: false,
      reason: 'not_checklist',
    })
    setGateEnabled(db, id, blockers.id, false, actor)
    expect(
      loadReadiness(db, id).failing.map((gate) => gate.name),
    ).not.toContain('No open production blocker')
  })

  it('adds a checklist gate that fails until ticked', () => {
    const { db, id } = setup()
    const result = createChecklistGate(
      db,
      id,
      { name: 'Backups restored', description: '' },
      actor,
    )
    expect(result.ok).toBe(true)
    expect(loadReadiness(db, id).failing.map((gate) => gate.name)).toContain(
      'Backups restored',
    )
  })
})
