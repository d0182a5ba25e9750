import { and, desc, eq, isNull, max } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { users } from '#db/schema/accounts'
import { findings } from '#db/schema/findings'
import { signOffRequirements, signOffs } from '#db/schema/reports'

export interface SignOffStatus {
  /** True when a policy exists and every required signer has a current signature. */
  signedOff: boolean
  required: {
    userId: number
    name: string
    capacity: string
    signedAt: string | null
    stale: boolean
  }[]
}

/**
 * Who must sign, who has, and whether each signature still holds: a
 * signature is stale once any finding of the assessment changed after it.
 */
export function getSignOffStatus(db: Db, assessmentId: number): SignOffStatus {
  const requirements = db
    .select({
      userId: signOffRequirements.userId,
      capacity: signOffRequirements.capacity,
      name: users.name,
    })
    .from(signOffRequirements)
    .innerJoin(users, eq(users.id, signOffRequirements.userId))
    .where(eq(signOffRequirements.assessmentId, assessmentId))
    .all()
  const [lastChange] = db
    .select({ at: max(findings.updatedAt) })
    .from(findings)
    .where(
      and(eq(findings.assessmentId, assessmentId), isNull(findings.archivedAt)),
    )
    .all()
  const required = requirements.map((requirement) => {
    const [latest] = db
      .select({ createdAt: signOffs.createdAt })
      .from(signOffs)
      .where(
        and(
          eq(signOffs.assessmentId, assessmentId),
          eq(signOffs.userId, requirement.userId),
        ),
      )
      .orderBy(desc(signOffs.createdAt))
      .limit(1)
      .all()
    const signedAt = latest?.createdAt ?? null
    const stale =
      signedAt !== null &&
      lastChange?.at !== null &&
      lastChange?.at !== undefined &&
      lastChange.at > signedAt
    return { ...requirement, signedAt, stale }
  })
  return {
    signedOff:
      required.length > 0 &&
      required.every((entry) => entry.signedAt !== null && !entry.stale),
    required,
  }
}
