import { and, asc, desc, eq, isNull, max, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { findings } from '#db/schema/findings'
import { signOffRequirements, signOffs } from '#db/schema/reports'
import {
  signedState,
  signedStateDigest,
  type ReportState,
} from '~/domain/report-state'
import { appendAudit } from './audit.server'
import { preparedPerConnection } from './prepared.server'
import type { SafeUser } from './user.server'

export interface SignOffStatus {
  /** True when a policy exists and every required signer has a current signature. */
  signedOff: boolean
  required: {
    userId: number
    name: string
    capacity: string
    signedAt: string | null
    statement: string | null
    gateException: string | null
    stateDigest: string | null
    stale: boolean
  }[]
}

// Prepared once per connection: the readiness API answers with the sign-off
// status on every call.
const theAssessment = sql.placeholder('assessmentId')

const lastChangeOf = preparedPerConnection((db) =>
  db
    .select({ at: max(findings.updatedAt) })
    .from(findings)
    .where(
      and(
        eq(findings.assessmentId, theAssessment),
        isNull(findings.archivedAt),
      ),
    )
    .prepare(),
)

const requirementsOf = preparedPerConnection((db) =>
  db
    .select({
      userId: signOffRequirements.userId,
      capacity: signOffRequirements.capacity,
      name: users.name,
    })
    .from(signOffRequirements)
    .innerJoin(users, eq(users.id, signOffRequirements.userId))
    .where(eq(signOffRequirements.assessmentId, theAssessment))
    .orderBy(asc(signOffRequirements.id))
    .prepare(),
)

const latestSignatureOf = preparedPerConnection((db) =>
  db
    .select({
      createdAt: signOffs.createdAt,
      statement: signOffs.statement,
      gateException: signOffs.gateException,
      stateDigest: signOffs.stateDigest,
    })
    .from(signOffs)
    .where(
      and(
        eq(signOffs.assessmentId, theAssessment),
        eq(signOffs.userId, sql.placeholder('userId')),
      ),
    )
    .orderBy(desc(signOffs.createdAt), desc(signOffs.id))
    .limit(1)
    .prepare(),
)

/** When a finding of the assessment last changed, or null. */
export function lastFindingChangeAt(
  db: Db,
  assessmentId: number,
): string | null {
  const [lastChange] = lastChangeOf(db).all({ assessmentId })
  return lastChange?.at ?? null
}

/** The one rule: a signature is stale once any finding changed after it. */
export function isSignatureStale(
  signedAt: string,
  lastChange: string | null,
): boolean {
  return lastChange !== null && lastChange > signedAt
}

/**
 * Who must sign, who has, and whether each signature still holds: a
 * signature is stale once any finding of the assessment changed after it.
 */
export function getSignOffStatus(db: Db, assessmentId: number): SignOffStatus {
  const requirements = requirementsOf(db).all({ assessmentId })
  const lastChange = lastFindingChangeAt(db, assessmentId)
  const required = requirements.map((requirement) => {
    const latest = latestSignatureOf(db).get({
      assessmentId,
      userId: requirement.userId,
    })
    const signedAt = latest?.createdAt ?? null
    return {
      ...requirement,
      signedAt,
      statement: latest?.statement ?? null,
      gateException: latest?.gateException ?? null,
      stateDigest: latest?.stateDigest ?? null,
      stale: signedAt !== null && isSignatureStale(signedAt, lastChange),
    }
  })
  return {
    signedOff:
      required.length > 0 &&
      required.every((entry) => entry.signedAt !== null && !entry.stale),
    required,
  }
}

/** Users who could be named as signers: every enabled account. */
export function listPossibleSigners(db: Db) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(isNull(users.disabledAt))
    .orderBy(asc(users.name))
    .all()
}

export interface AuditContext {
  actor: SafeUser
  ipAddress?: string | null
  requestId?: string | null
}

function audit(
  db: Db,
  context: AuditContext,
  entry: {
    action: string
    entityType: string
    entityId?: number | string | null
    assessmentId: number
    before?: unknown
    after?: unknown
  },
) {
  appendAudit(db, {
    actorId: context.actor.id,
    actorLabel: context.actor.email,
    ipAddress: context.ipAddress ?? null,
    requestId: context.requestId ?? null,
    ...entry,
  })
}

export type PolicyChange =
  { ok: true } | { ok: false; field: 'userId' | 'capacity'; message: string }

export function addSignOffRequirement(
  db: Db,
  input: { assessmentId: number; userId: number; capacity: string },
  context: AuditContext,
): PolicyChange {
  return db.transaction((tx) => {
    const signer = tx
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.id, input.userId), isNull(users.disabledAt)))
      .get()
    if (!signer)
      return { ok: false, field: 'userId', message: 'Choose an active user.' }
    const existing = tx
      .select({ id: signOffRequirements.id })
      .from(signOffRequirements)
      .where(
        and(
          eq(signOffRequirements.assessmentId, input.assessmentId),
          eq(signOffRequirements.userId, input.userId),
        ),
      )
      .get()
    if (existing)
      return {
        ok: false,
        field: 'userId',
        message: `${signer.name} is already a required signer.`,
      }
    const row = tx.insert(signOffRequirements).values(input).returning().get()
    audit(tx, context, {
      action: 'sign_off.requirement_added',
      entityType: 'sign_off_requirement',
      entityId: row.id,
      assessmentId: input.assessmentId,
      after: { signer: signer.name, capacity: input.capacity },
    })
    return { ok: true }
  })
}

export function removeSignOffRequirement(
  db: Db,
  input: { assessmentId: number; userId: number },
  context: AuditContext,
): boolean {
  return db.transaction((tx) => {
    const where = and(
      eq(signOffRequirements.assessmentId, input.assessmentId),
      eq(signOffRequirements.userId, input.userId),
    )
    const row = tx.select().from(signOffRequirements).where(where).get()
    if (!row) return false
    tx.delete(signOffRequirements).where(where).run()
    audit(tx, context, {
      action: 'sign_off.requirement_removed',
      entityType: 'sign_off_requirement',
      entityId: row.id,
      assessmentId: input.assessmentId,
      before: { userId: row.userId, capacity: row.capacity },
    })
    return true
  })
}

export type SignResult =
  | { ok: true; stateDigest: string }
  | {
      ok: false
      field: 'statement' | 'gateException' | 'signer'
      message: string
    }

/**
 * Records a signature over the state given. Only users named in the policy
 * may sign; while gates fail, only with an exception written out.
 */
export function signAssessment(
  db: Db,
  input: {
    assessmentId: number
    state: ReportState
    statement: string
    gateException: string | null
  },
  context: AuditContext,
): SignResult {
  const { actor } = context
  return db.transaction((tx) => {
    const requirement = tx
      .select({ capacity: signOffRequirements.capacity })
      .from(signOffRequirements)
      .where(
        and(
          eq(signOffRequirements.assessmentId, input.assessmentId),
          eq(signOffRequirements.userId, actor.id),
        ),
      )
      .get()
    if (!requirement)
      return {
        ok: false,
        field: 'signer',
        message: 'You are not named in this assessment’s sign-off policy.',
      }
    if (!input.state.verdict.ready && !input.gateException)
      return {
        ok: false,
        field: 'gateException',
        message: `${input.state.verdict.failingGates} gate(s) fail: write the exception you accept, or wait until they pass.`,
      }
    const stateDigest = signedStateDigest(input.state)
    const row = tx
      .insert(signOffs)
      .values({
        assessmentId: input.assessmentId,
        userId: actor.id,
        signerName: actor.name,
        signerRole: `${requirement.capacity} (${actor.role})`,
        statement: input.statement,
        gateException: input.state.verdict.ready ? null : input.gateException,
        state: signedState(input.state),
        stateDigest,
      })
      .returning({ id: signOffs.id })
      .get()
    audit(tx, context, {
      action: 'sign_off.signed',
      entityType: 'sign_off',
      entityId: row.id,
      assessmentId: input.assessmentId,
      after: {
        capacity: requirement.capacity,
        statement: input.statement,
        gateException: input.gateException,
        ready: input.state.verdict.ready,
        stateDigest,
      },
    })
    return { ok: true, stateDigest }
  })
}
