import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '#db/client.server'
import { ROLES, settings, type Role } from '#db/schema/accounts'

export const REQUIRE_TWO_FACTOR_KEY = 'require_two_factor_roles'

const RolesSchema = z.array(z.enum(ROLES))

/** Roles that must use two-factor; none until an admin says otherwise. */
export function getRequiredTwoFactorRoles(db: Db): Role[] {
  const row = db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, REQUIRE_TWO_FACTOR_KEY))
    .get()
  const parsed = RolesSchema.safeParse(row?.value ?? [])
  return parsed.success ? parsed.data : []
}

export function setRequiredTwoFactorRoles(db: Db, roles: Role[]) {
  const value = [...new Set(roles)]
  db.insert(settings)
    .values({ key: REQUIRE_TWO_FACTOR_KEY, value })
    .onConflictDoUpdate({
      target: settings.key,
      set: { value, updatedAt: new Date().toISOString() },
    })
    .run()
}
