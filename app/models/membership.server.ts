import { and, asc, eq, inArray, isNull, notExists, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { assessmentMembers } from '#db/schema/assessments'
import type { Actor } from './account-admin.server'
import { appendAudit } from './audit.server'

/**
 * Who belongs to an assessment. Admin and security see every assessment
 * anyway; membership is what lets engineers and viewers in.
 */
export const MEMBER_ROLES = ['engineer', 'viewer'] as const

export function listMembers(db: Db, assessmentId: number) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabledAt: users.disabledAt,
    })
    .from(assessmentMembers)
    .innerJoin(users, eq(users.id, assessmentMembers.userId))
    .where(eq(assessmentMembers.assessmentId, assessmentId))
    .orderBy(asc(users.name))
    .all()
}

/** Enabled engineers and viewers who are not members yet. */
export function listAddableUsers(db: Db, assessmentId: number) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
    })
    .from(users)
    .where(
      and(
        inArray(users.role, [...MEMBER_ROLES]),
        isNull(users.disabledAt),
        notExists(
          db
            .select({ one: sql`1` })
            .from(assessmentMembers)
            .where(
              and(
                eq(assessmentMembers.assessmentId, assessmentId),
                eq(assessmentMembers.userId, users.id),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(users.name))
    .all()
}

export function addMember(
  db: Db,
  actor: Actor,
  assessmentId: number,
  userId: number,
): boolean {
  return db.transaction((tx) => {
    const added = tx
      .insert(assessmentMembers)
      .values({ assessmentId, userId })
      .onConflictDoNothing()
      .run().changes
    if (added)
      appendAudit(tx, {
        actorId: actor.id,
        actorLabel: actor.label,
        action: 'membership.added',
        entityType: 'user',
        entityId: userId,
        assessmentId,
        ipAddress: actor.ipAddress ?? null,
        requestId: actor.requestId ?? null,
      })
    return added > 0
  })
}

export function removeMember(
  db: Db,
  actor: Actor,
  assessmentId: number,
  userId: number,
): boolean {
  return db.transaction((tx) => {
    const removed = tx
      .delete(assessmentMembers)
      .where(
        and(
          eq(assessmentMembers.assessmentId, assessmentId),
          eq(assessmentMembers.userId, userId),
        ),
      )
      .run().changes
    if (removed)
      appendAudit(tx, {
        actorId: actor.id,
        actorLabel: actor.label,
        action: 'membership.removed',
        entityType: 'user',
        entityId: userId,
        assessmentId,
        ipAddress: actor.ipAddress ?? null,
        requestId: actor.requestId ?? null,
      })
    return removed > 0
  })
}
