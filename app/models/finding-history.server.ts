import { asc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import type { SelectAssessment } from '#db/schema/assessments'
import {
  comments,
  evidence,
  findingEvents,
  type SelectFinding,
} from '#db/schema/findings'
import { planPhases, remediationTasks, taskFindings } from '#db/schema/plan'
import { defaultDueOn } from '~/domain/finding-due-date'

export interface TimelineEntry {
  key: string
  at: string
  actorName: string
  kind: string
  fromStatus: string | null
  toStatus: string | null
  note: string | null
  changes: Record<string, { from: unknown; to: unknown }> | null
}

/** Every history event and comment of a finding, oldest first. */
export function listFindingTimeline(
  db: Db,
  findingId: number,
): TimelineEntry[] {
  const events = db
    .select({
      id: findingEvents.id,
      at: findingEvents.createdAt,
      actorName: users.name,
      kind: findingEvents.kind,
      fromStatus: findingEvents.fromStatus,
      toStatus: findingEvents.toStatus,
      note: findingEvents.note,
      changes: findingEvents.changes,
    })
    .from(findingEvents)
    .leftJoin(users, eq(users.id, findingEvents.actorId))
    .where(eq(findingEvents.findingId, findingId))
    .orderBy(asc(findingEvents.id))
    .all()
  const notes = db
    .select({
      id: comments.id,
      at: comments.createdAt,
      actorName: users.name,
      body: comments.body,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.findingId, findingId))
    .orderBy(asc(comments.id))
    .all()
  const entries: TimelineEntry[] = [
    ...events.map((event) => ({
      key: `event-${event.id}`,
      at: event.at,
      actorName: event.actorName ?? 'Clearance (automatic)',
      kind: event.kind,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      note: event.note,
      changes: event.changes ?? null,
    })),
    ...notes.map((comment) => ({
      key: `comment-${comment.id}`,
      at: comment.at,
      actorName: comment.actorName,
      kind: 'comment',
      fromStatus: null,
      toStatus: null,
      note: comment.body,
      changes: null,
    })),
  ]
  // Stable: events and comments with the same instant keep insertion order.
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}

export function listFindingEvidence(db: Db, findingId: number) {
  return db
    .select({
      id: evidence.id,
      kind: evidence.kind,
      value: evidence.value,
      fileName: evidence.fileName,
      sizeBytes: evidence.sizeBytes,
      createdAt: evidence.createdAt,
      addedByName: users.name,
    })
    .from(evidence)
    .innerJoin(users, eq(users.id, evidence.addedById))
    .where(eq(evidence.findingId, findingId))
    .orderBy(asc(evidence.id))
    .all()
}

/** The due date a finding would get if nobody set one (see domain). */
export function computeDefaultDueOn(
  db: Db,
  finding: Pick<SelectFinding, 'id' | 'severity' | 'createdAt'>,
  assessment: Pick<SelectAssessment, 'remediationStartOn' | 'slaDays'>,
) {
  const phases = db
    .select({
      phasePosition: planPhases.position,
      taskPosition: remediationTasks.position,
      endOffsetDays: planPhases.endOffsetDays,
    })
    .from(taskFindings)
    .innerJoin(remediationTasks, eq(remediationTasks.id, taskFindings.taskId))
    .innerJoin(planPhases, eq(planPhases.id, remediationTasks.phaseId))
    .where(eq(taskFindings.findingId, finding.id))
    .all()
  return defaultDueOn({
    severity: finding.severity,
    createdOn: finding.createdAt.slice(0, 10),
    remediationStartOn: assessment.remediationStartOn,
    slaDays: assessment.slaDays,
    phases,
  })
}
