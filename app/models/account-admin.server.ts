import type { Db } from '#db/client.server'
import type { Role } from '#db/schema/accounts'
import type { ApiScope } from '~/domain/api-scopes'
import {
  createApiToken,
  revokeApiToken,
  revokeUserApiTokens,
} from './api-token.server'
import { appendAudit } from './audit.server'
import { disableTotp } from './two-factor.server'
import { deleteOtherSessions, deleteUserSessions } from './session.server'
import {
  getUserById,
  hashPassword,
  insertUser,
  setPasswordHash,
  setUserDisabled,
  setUserRole,
  type SafeUser,
} from './user.server'

/**
 * Account changes made by an admin (web) or an operator (CLI). Each one
 * writes its audit entry in the same transaction as the change.
 */
export interface Actor {
  id: number | null
  label: string
  ipAddress?: string | null
  requestId?: string | null
}

function audit(
  db: Db,
  actor: Actor,
  action: string,
  entity: { type: string; id: number },
  change: { before?: unknown; after?: unknown } = {},
) {
  appendAudit(db, {
    actorId: actor.id,
    actorLabel: actor.label,
    action,
    entityType: entity.type,
    entityId: entity.id,
    before: change.before,
    after: change.after,
    ipAddress: actor.ipAddress ?? null,
    requestId: actor.requestId ?? null,
  })
}

export async function createUserAudited(
  db: Db,
  actor: Actor,
  input: { email: string; name: string; role: Role; password: string },
): Promise<SafeUser> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction((tx) => {
    const user = insertUser(tx, { ...input, passwordHash })
    audit(
      tx,
      actor,
      'user.created',
      { type: 'user', id: user.id },
      {
        after: { email: user.email, name: user.name, role: user.role },
      },
    )
    return user
  })
}

export function changeUserRole(
  db: Db,
  actor: Actor,
  userId: number,
  role: Role,
) {
  return db.transaction((tx) => {
    const before = getUserById(tx, userId)
    if (!before) return false
    setUserRole(tx, userId, role)
    audit(
      tx,
      actor,
      'user.role_changed',
      { type: 'user', id: userId },
      {
        before: { role: before.role },
        after: { role },
      },
    )
    return true
  })
}

/**
 * Disables an account and, in the same transaction, ends its sessions and
 * revokes its tokens: the next request with either is refused.
 */
export function disableUser(db: Db, actor: Actor, userId: number) {
  return db.transaction((tx) => {
    const before = getUserById(tx, userId)
    if (!before || before.disabledAt) return false
    setUserDisabled(tx, userId, true)
    const sessions = deleteUserSessions(tx, userId)
    revokeUserApiTokens(tx, userId)
    audit(
      tx,
      actor,
      'user.disabled',
      { type: 'user', id: userId },
      {
        after: { sessionsEnded: sessions, tokensRevoked: true },
      },
    )
    return true
  })
}

export function enableUser(db: Db, actor: Actor, userId: number) {
  return db.transaction((tx) => {
    const before = getUserById(tx, userId)
    if (!before?.disabledAt) return false
    setUserDisabled(tx, userId, false)
    audit(tx, actor, 'user.enabled', { type: 'user', id: userId })
    return true
  })
}

export function endUserSessions(db: Db, actor: Actor, userId: number) {
  return db.transaction((tx) => {
    const ended = deleteUserSessions(tx, userId)
    audit(
      tx,
      actor,
      'user.sessions_ended',
      { type: 'user', id: userId },
      {
        after: { sessionsEnded: ended },
      },
    )
    return ended
  })
}

/** Sets a new password and ends every session of the user. */
export async function resetUserPassword(
  db: Db,
  actor: Actor,
  userId: number,
  password: string,
) {
  const passwordHash = await hashPassword(password)
  db.transaction((tx) => {
    setPasswordHash(tx, userId, passwordHash)
    const ended = deleteUserSessions(tx, userId)
    audit(
      tx,
      actor,
      'user.password_reset',
      { type: 'user', id: userId },
      {
        after: { sessionsEnded: ended },
      },
    )
  })
}

export function createApiTokenAudited(
  db: Db,
  actor: Actor,
  input: { userId: number; name: string; scopes: ApiScope[]; expiresAt: Date },
) {
  return db.transaction((tx) => {
    const token = createApiToken(tx, input)
    audit(
      tx,
      actor,
      'token.created',
      { type: 'api_token', id: token.id },
      {
        after: {
          owner: input.userId,
          name: input.name,
          scopes: input.scopes,
          expiresAt: input.expiresAt.toISOString(),
          prefix: token.prefix,
        },
      },
    )
    return token
  })
}

/** Revokes a token; with `ownerId`, only one that user owns. */
export function revokeApiTokenAudited(
  db: Db,
  actor: Actor,
  tokenId: number,
  ownerId?: number,
) {
  return db.transaction((tx) => {
    const revoked = revokeApiToken(tx, tokenId, ownerId)
    if (revoked)
      audit(tx, actor, 'token.revoked', { type: 'api_token', id: tokenId })
    return revoked
  })
}

/**
 * A user's own password change: the caller has checked the current
 * password. Every other session of the user ends; this one stays.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor & { id: number },
  sessionId: number,
  password: string,
) {
  const passwordHash = await hashPassword(password)
  return db.transaction((tx) => {
    setPasswordHash(tx, actor.id, passwordHash)
    const ended = deleteOtherSessions(tx, actor.id, sessionId)
    audit(
      tx,
      actor,
      'user.password_changed',
      { type: 'user', id: actor.id },
      {
        after: { otherSessionsEnded: ended },
      },
    )
    return ended
  })
}

/**
 * For a user who lost both their authenticator and their recovery codes:
 * turns two-factor off and ends their sessions. They sign in with their
 * password and set it up again (at once, if their role requires it).
 */
export function resetUserTwoFactor(db: Db, actor: Actor, userId: number) {
  disableTotp(db, actor, userId)
  return deleteUserSessions(db, userId)
}
