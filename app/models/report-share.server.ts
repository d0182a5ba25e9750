import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { assessments } from '#db/schema/assessments'
import { shareLinks } from '#db/schema/reports'
import { hashToken, randomToken } from '~/utils/secrets.server'
import { appendAudit } from './audit.server'
import type { AuditContext } from './sign-off.server'

/**
 * Creates an auditor link. The token is returned once and stored only as
 * its keyed hash, like session and API tokens.
 */
export function createShareLink(
  db: Db,
  input: { assessmentId: number; label: string; expiresAt: Date },
  context: AuditContext,
): { token: string; id: number } {
  const token = randomToken('clr_share_')
  return db.transaction((tx) => {
    const row = tx
      .insert(shareLinks)
      .values({
        assessmentId: input.assessmentId,
        tokenHash: hashToken(token),
        label: input.label,
        createdById: context.actor.id,
        expiresAt: input.expiresAt.toISOString(),
      })
      .returning({ id: shareLinks.id })
      .get()
    appendAudit(tx, {
      actorId: context.actor.id,
      actorLabel: context.actor.email,
      action: 'share_link.created',
      entityType: 'share_link',
      entityId: row.id,
      assessmentId: input.assessmentId,
      after: { label: input.label, expiresAt: input.expiresAt.toISOString() },
      ipAddress: context.ipAddress ?? null,
      requestId: context.requestId ?? null,
    })
    return { token, id: row.id }
  })
}

export function revokeShareLink(
  db: Db,
  input: { assessmentId: number; id: number },
  context: AuditContext,
  now = new Date(),
): boolean {
  return db.transaction((tx) => {
    const where = and(
      eq(shareLinks.id, input.id),
      eq(shareLinks.assessmentId, input.assessmentId),
      isNull(shareLinks.revokedAt),
    )
    const changed = tx
      .update(shareLinks)
      .set({ revokedAt: now.toISOString() })
      .where(where)
      .run().changes
    if (changed === 0) return false
    appendAudit(tx, {
      actorId: context.actor.id,
      actorLabel: context.actor.email,
      action: 'share_link.revoked',
      entityType: 'share_link',
      entityId: input.id,
      assessmentId: input.assessmentId,
      ipAddress: context.ipAddress ?? null,
      requestId: context.requestId ?? null,
    })
    return true
  })
}

export function listShareLinks(db: Db, assessmentId: number) {
  return db
    .select({
      id: shareLinks.id,
      label: shareLinks.label,
      createdBy: users.name,
      createdAt: shareLinks.createdAt,
      expiresAt: shareLinks.expiresAt,
      revokedAt: shareLinks.revokedAt,
      lastUsedAt: shareLinks.lastUsedAt,
    })
    .from(shareLinks)
    .innerJoin(users, eq(users.id, shareLinks.createdById))
    .where(eq(shareLinks.assessmentId, assessmentId))
    .orderBy(desc(shareLinks.id))
    .limit(50)
    .all()
}

/**
 * The link's assessment when the token is valid now; null when it is
 * unknown, expired or revoked (the caller answers all three with 404).
 * Each use is audited.
 */
export function openShareLink(
  db: Db,
  token: string,
  use: {
    what: 'summary' | 'pdf'
    ipAddress?: string | null
    requestId?: string | null
  },
  now = new Date(),
) {
  if (!/^clr_share_[A-Za-z0-9_-]{43}$/.test(token)) return null
  const link = db
    .select({
      id: shareLinks.id,
      label: shareLinks.label,
      expiresAt: shareLinks.expiresAt,
      assessmentId: shareLinks.assessmentId,
      slug: assessments.slug,
    })
    .from(shareLinks)
    .innerJoin(assessments, eq(assessments.id, shareLinks.assessmentId))
    .where(
      and(
        eq(shareLinks.tokenHash, hashToken(token)),
        isNull(shareLinks.revokedAt),
        gt(shareLinks.expiresAt, now.toISOString()),
      ),
    )
    .get()
  if (!link) return null
  db.transaction((tx) => {
    tx.update(shareLinks)
      .set({ lastUsedAt: now.toISOString() })
      .where(eq(shareLinks.id, link.id))
      .run()
    appendAudit(tx, {
      actorId: null,
      actorLabel: `share link ${link.id}${link.label ? ` (${link.label})` : ''}`,
      action: `share_link.used_${use.what}`,
      entityType: 'share_link',
      entityId: link.id,
      assessmentId: link.assessmentId,
      ipAddress: use.ipAddress ?? null,
      requestId: use.requestId ?? null,
    })
  })
  return link
}
