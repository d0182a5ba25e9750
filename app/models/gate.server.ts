import { and, eq, max } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { gates, type GateParams, type SelectGate } from '#db/schema/gates'
import { planPhases } from '#db/schema/plan'
import type { RuleGateInput } from '~/domain/gate-forms'
import { ruleGateParams } from '~/domain/gate-forms'
import { appendAudit } from './audit.server'
import type { AuditActor } from './audit-actor.server'

/**
 * Changes to an assessment's gates. Rule gates are added and switched on or
 * off by the security team; checklist gates are ticked by a named person
 * with a note. Every change is audited in its own transaction.
 */
export type GateChangeResult =
  | { ok: true; gate: SelectGate }
  | { ok: false; reason: 'not_found' | 'not_checklist' }

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

function audit(
  tx: Tx,
  actor: AuditActor,
  assessmentId: number,
  action: string,
  gateId: number,
  before: unknown,
  after: unknown,
) {
  appendAudit(tx, {
    actorId: actor.userId,
    actorLabel: actor.label,
    action,
    entityType: 'gate',
    entityId: gateId,
    assessmentId,
    before,
    after,
    ipAddress: actor.ipAddress,
    requestId: actor.requestId,
  })
}

function findGate(tx: Tx, assessmentId: number, gateId: number) {
  return tx
    .select()
    .from(gates)
    .where(and(eq(gates.id, gateId), eq(gates.assessmentId, assessmentId)))
    .get()
}

function updateGate(
  tx: Tx,
  gate: SelectGate,
  changes: Partial<SelectGate>,
): SelectGate {
  const [updated] = tx
    .update(gates)
    .set({
      ...changes,
      updatedAt: new Date().toISOString(),
      version: gate.version + 1,
    })
    .where(eq(gates.id, gate.id))
    .returning()
    .all()
  if (!updated) throw new Error(`Gate ${gate.id} was not updated.`)
  return updated
}

function insertGate(
  tx: Tx,
  assessmentId: number,
  values: {
    type: 'rule' | 'checklist'
    name: string
    description: string
    ruleKind: SelectGate['ruleKind']
    params: GateParams
  },
) {
  const last = tx
    .select({ position: max(gates.position) })
    .from(gates)
    .where(eq(gates.assessmentId, assessmentId))
    .get()
  const [gate] = tx
    .insert(gates)
    .values({ ...values, assessmentId, position: (last?.position ?? -1) + 1 })
    .returning()
    .all()
  if (!gate) throw new Error('The gate was not created.')
  return gate
}

export function setGateEnabled(
  db: Db,
  assessmentId: number,
  gateId: number,
  enabled: boolean,
  actor: AuditActor,
): GateChangeResult {
  return db.transaction((tx) => {
    const gate = findGate(tx, assessmentId, gateId)
    if (!gate) return { ok: false, reason: 'not_found' } as const
    const updated = updateGate(tx, gate, { enabled })
    audit(
      tx,
      actor,
      assessmentId,
      enabled ? 'gate.enabled' : 'gate.disabled',
      gate.id,
      { enabled: gate.enabled },
      { enabled },
    )
    return { ok: true, gate: updated } as const
  })
}

/** Adds a rule gate; a phase parameter must name a phase of this plan. */
export function createRuleGate(
  db: Db,
  assessmentId: number,
  input: RuleGateInput,
  actor: AuditActor,
): GateChangeResult {
  return db.transaction((tx) => {
    const params = ruleGateParams(input)
    if (params.phaseId !== undefined) {
      const phase = tx
        .select({ id: planPhases.id })
        .from(planPhases)
        .where(
          and(
            eq(planPhases.id, params.phaseId),
            eq(planPhases.assessmentId, assessmentId),
          ),
        )
        .get()
      if (!phase) return { ok: false, reason: 'not_found' } as const
    }
    const gate = insertGate(tx, assessmentId, {
      type: 'rule',
      name: input.name,
      description: input.description,
      ruleKind: input.ruleKind,
      params,
    })
    audit(tx, actor, assessmentId, 'gate.created', gate.id, null, {
      type: 'rule',
      name: gate.name,
      ruleKind: gate.ruleKind,
      params,
    })
    return { ok: true, gate } as const
  })
}

export function createChecklistGate(
  db: Db,
  assessmentId: number,
  input: { name: string; description: string },
  actor: AuditActor,
): GateChangeResult {
  return db.transaction((tx) => {
    const gate = insertGate(tx, assessmentId, {
      type: 'checklist',
      name: input.name,
      description: input.description,
      ruleKind: null,
      params: {},
    })
    audit(tx, actor, assessmentId, 'gate.created', gate.id, null, {
      type: 'checklist',
      name: gate.name,
    })
    return { ok: true, gate } as const
  })
}

/**
 * Ticks a checklist gate (with `note`) or unticks it (`note` null). The
 * tick records who and when; unticking clears them, and the audit trail
 * keeps the earlier tick.
 */
export function setGateChecked(
  db: Db,
  assessmentId: number,
  gateId: number,
  note: string | null,
  actor: AuditActor,
  now = new Date(),
): GateChangeResult {
  return db.transaction((tx) => {
    const gate = findGate(tx, assessmentId, gateId)
    if (!gate) return { ok: false, reason: 'not_found' } as const
    if (gate.type !== 'checklist')
      return { ok: false, reason: 'not_checklist' } as const
    const checked = note !== null
    const updated = updateGate(tx, gate, {
      checkedById: checked ? actor.userId : null,
      checkedAt: checked ? now.toISOString() : null,
      checkNote: note,
    })
    audit(
      tx,
      actor,
      assessmentId,
      checked ? 'gate.checked' : 'gate.unchecked',
      gate.id,
      {
        checkedById: gate.checkedById,
        checkedAt: gate.checkedAt,
        checkNote: gate.checkNote,
      },
      {
        checkedById: updated.checkedById,
        checkedAt: updated.checkedAt,
        checkNote: updated.checkNote,
      },
    )
    return { ok: true, gate: updated } as const
  })
}
