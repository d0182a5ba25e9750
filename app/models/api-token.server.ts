import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { apiTokens, users } from '#db/schema/accounts'
import type { ApiScope } from '~/domain/api-scopes'
import { hashToken, randomToken } from '~/utils/secrets.server'
import { preparedPerConnection } from './prepared.server'
import { safeUserColumns, type SafeUser } from './user.server'

export const TOKEN_PREFIX = 'clr_'

/**
 * Creates a token and returns its secret once; only its keyed hash is
 * stored, so it can never be shown again.
 */
export function createApiToken(
  db: Db,
  input: { userId: number; name: string; scopes: ApiScope[]; expiresAt: Date },
) {
  const secret = randomToken(TOKEN_PREFIX)
  const [row] = db
    .insert(apiTokens)
    .values({
      userId: input.userId,
      name: input.name,
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      tokenHash: hashToken(secret),
      scopes: input.scopes,
      expiresAt: input.expiresAt.toISOString(),
    })
    .returning({ id: apiTokens.id, prefix: apiTokens.prefix })
    .all()
  if (!row) throw new Error('The token was not created')
  return { id: row.id, prefix: row.prefix, secret }
}

export type TokenCheck =
  | { ok: true; tokenId: number; scopes: ApiScope[]; user: SafeUser }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'disabled' }

const tokenByHash = preparedPerConnection((db) =>
  db
    .select({
      id: apiTokens.id,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      user: safeUserColumns,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')))
    .prepare(),
)

/** Resolves a bearer secret to its token and owner, recording last use. */
export function checkApiToken(
  db: Db,
  secret: string,
  now = new Date(),
): TokenCheck {
  const row = tokenByHash(db).get({ tokenHash: hashToken(secret) })
  if (!row) return { ok: false, reason: 'unknown' }
  if (row.revokedAt) return { ok: false, reason: 'revoked' }
  if (new Date(row.expiresAt).getTime() <= now.getTime())
    return { ok: false, reason: 'expired' }
  if (row.user.disabledAt) return { ok: false, reason: 'disabled' }
  // Last use is kept to the minute: enough to spot stale tokens, and it
  // spares a write on every call.
  // Best effort: on a full or read-only disk this bookkeeping write fails,
  // and reads must keep working (tests/faults/disk.test.ts).
  if (
    !row.lastUsedAt ||
    now.getTime() - new Date(row.lastUsedAt).getTime() > 60_000
  )
    try {
      db.update(apiTokens)
        .set({ lastUsedAt: now.toISOString() })
        .where(eq(apiTokens.id, row.id))
        .run()
    } catch {
      // the request goes on; last use is recorded on a later call
    }
  return {
    ok: true,
    tokenId: row.id,
    scopes: row.scopes as ApiScope[],
    user: row.user,
  }
}

export function listApiTokens(db: Db, userId?: number) {
  return db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      ownerName: users.name,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdAt: apiTokens.createdAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId === undefined ? undefined : eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.id))
    .all()
}

/** Revokes a token; with `ownerId`, only if that user owns it. */
export function revokeApiToken(
  db: Db,
  tokenId: number,
  ownerId?: number,
): boolean {
  const result = db
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        isNull(apiTokens.revokedAt),
        ownerId === undefined ? undefined : eq(apiTokens.userId, ownerId),
      ),
    )
    .run()
  return result.changes > 0
}

/** Ends every token of a user (used when the user is disabled). */
export function revokeUserApiTokens(db: Db, userId: number) {
  db.update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .run()
}
