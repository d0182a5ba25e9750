import { randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { asc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users, type Role, type SelectUser } from '#db/schema/accounts'

/** What pages and helpers may know of a user: never the hashes or secrets. */
export type SafeUser = Pick<
  SelectUser,
  'id' | 'email' | 'name' | 'role' | 'disabledAt' | 'totpEnabledAt'
>

export const safeUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  totpEnabledAt: users.totpEnabledAt,
}

// Verified against when the e-mail is unknown, so an unknown account and a
// wrong password take the same time (no account enumeration by timing).
let dummyHash: Promise<string> | undefined
function getDummyHash() {
  dummyHash ??= hash('clearance-timing-equaliser')
  return dummyHash
}

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 uses argon2id with OWASP-recommended parameters.
  return hash(password)
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export function getUserByEmail(db: Db, email: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get()
}

export function getUserById(db: Db, id: number): SafeUser | undefined {
  return db.select(safeUserColumns).from(users).where(eq(users.id, id)).get()
}

/**
 * Checks an e-mail and password. Returns the user only when the account
 * exists, is enabled, has a password and the password matches exactly.
 */
export async function verifyLogin(
  db: Db,
  email: string,
  password: string,
): Promise<SelectUser | null> {
  const user = getUserByEmail(db, email)
  if (!user || !user.passwordHash || user.disabledAt) {
    await verify(await getDummyHash(), password).catch(() => false)
    return null
  }
  const ok = await verify(user.passwordHash, password).catch(() => false)
  return ok ? user : null
}

export async function createUser(
  db: Db,
  input: { email: string; name: string; role: Role; password?: string },
): Promise<SafeUser> {
  const passwordHash = input.password
    ? await hashPassword(input.password)
    : null
  return insertUser(db, { ...input, passwordHash })
}

/** Inserts a user with an already computed hash (usable in a transaction). */
export function insertUser(
  db: Db,
  input: {
    email: string
    name: string
    role: Role
    passwordHash: string | null
  },
): SafeUser {
  const now = new Date().toISOString()
  const [row] = db
    .insert(users)
    .values({
      email: normaliseEmail(input.email),
      name: input.name.trim(),
      role: input.role,
      passwordHash: input.passwordHash,
      passwordChangedAt: input.passwordHash ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning(safeUserColumns)
    .all()
  if (!row) throw new Error('The user was not created')
  return row
}

export function listUsers(db: Db): SafeUser[] {
  return db.select(safeUserColumns).from(users).orderBy(asc(users.name)).all()
}

export function countUsers(db: Db): number {
  return db.select({ id: users.id }).from(users).limit(1).all().length
}

/** Whether `password` is the user's current password (exact comparison). */
export async function verifyUserPassword(
  db: Db,
  userId: number,
  password: string,
): Promise<boolean> {
  const row = db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .get()
  if (!row?.passwordHash) return false
  return verify(row.passwordHash, password).catch(() => false)
}

/** Stores a new password hash. Hash first: transactions here are synchronous. */
export function setPasswordHash(db: Db, userId: number, passwordHash: string) {
  const now = new Date().toISOString()
  db.update(users)
    .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
    .where(eq(users.id, userId))
    .run()
}

export function setUserRole(db: Db, userId: number, role: Role) {
  db.update(users)
    .set({ role, updatedAt: new Date().toISOString() })
    .where(eq(users.id, userId))
    .run()
}

/** Sets or clears `disabledAt`. A disabled user cannot sign in or use tokens. */
export function setUserDisabled(db: Db, userId: number, disabled: boolean) {
  const now = new Date().toISOString()
  db.update(users)
    .set({ disabledAt: disabled ? now : null, updatedAt: now })
    .where(eq(users.id, userId))
    .run()
}

/** Users with their last sign-in, for the admin list. */
export function listUsersForAdmin(db: Db) {
  return db
    .select({ ...safeUserColumns, lastLoginAt: users.lastLoginAt })
    .from(users)
    .orderBy(asc(users.name))
    .all()
}

/** A readable password of 20 characters (about 119 bits) for new accounts. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url').replace(/[-_]/g, 'x')
}

export function recordLogin(db: Db, userId: number, now = new Date()) {
  db.update(users)
    .set({ lastLoginAt: now.toISOString() })
    .where(eq(users.id, userId))
    .run()
}
