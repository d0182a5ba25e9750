import {
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './columns'

export const ROLES = ['admin', 'security', 'engineer', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const users = sqliteTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    // Null until the user sets a password: such a user cannot sign in.
    passwordHash: text('password_hash'),
    passwordChangedAt: text('password_changed_at'),
    totpSecret: text('totp_secret'),
    totpEnabledAt: text('totp_enabled_at'),
    disabledAt: text('disabled_at'),
    lastLoginAt: text('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('users_email_unique').on(table.email)],
)
export type SelectUser = typeof users.$inferSelect
export type InsertUser = typeof users.$inferInsert

export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: text('used_at'),
    createdAt: createdAt(),
  },
  (table) => [index('recovery_codes_user_idx').on(table.userId)],
)

/**
 * Sessions live in the database so they can be listed and ended. The cookie
 * holds a random token; only its SHA-256 is stored here.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    // A session that passed the password but still owes a TOTP code.
    pendingSecondFactor: integer('pending_second_factor', { mode: 'boolean' })
      .notNull()
      .default(false),
    csrfToken: text('csrf_token').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('sessions_token_hash_unique').on(table.tokenHash),
    index('sessions_user_idx').on(table.userId),
  ],
)
export type SelectSession = typeof sessions.$inferSelect

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    // The first characters of the token, shown so people can tell them apart.
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    expiresAt: text('expires_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('api_tokens_hash_unique').on(table.tokenHash),
    index('api_tokens_user_idx').on(table.userId),
  ],
)
export type SelectApiToken = typeof apiTokens.$inferSelect

/** Key/value settings an admin can change, such as required two-factor. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: updatedAt(),
})
