import { beforeAll, describe, expect, it } from 'vitest'
import { assessments } from '#db/schema/assessments'
import { seedIfEmpty } from '#db/seed/seed.server'
import { findVisibleAssessment } from '~/models/assessment.server'
import { addMember } from '~/models/membership.server'
import { createUser } from '~/models/user.server'
import { createTestDb } from './test-db'

beforeAll(() => {
  process.env.SECRET_KEY ??= 'unit-test-secret-key-of-at-least-32-chars'
})

async function setup() {
  const { db } = createTestDb()
  seedIfEmpty(db)
  const assessment = db.select().from(assessments).limit(1).get()!
  const person = (email: string, role: 'security' | 'engineer') =>
    createUser(db, {
      email,
      name: email,
      role,
      password: 'a sufficiently long one',
    })
  return {
    db,
    assessment,
    security: await person('lead@example.test', 'security'),
    engineer: await person('dev@example.test', 'engineer'),
  }
}

describe('Finding the assessment in a URL', () => {
  it('the security team finds any assessment by slug or by id', async () => {
    const { db, assessment, security } = await setup()

    expect(findVisibleAssessment(db, security, assessment.slug)?.id).toBe(
      assessment.id,
    )
    expect(
      findVisibleAssessment(db, security, String(assessment.id))?.slug,
    ).toBe(assessment.slug)
    expect(findVisibleAssessment(db, security, 'no-such-slug')).toBeUndefined()
  })

  it('an engineer finds an assessment only once they are a member of it', async () => {
    const { db, assessment, security, engineer } = await setup()
    expect(findVisibleAssessment(db, engineer, assessment.slug)).toBeUndefined()
    expect(
      findVisibleAssessment(db, engineer, String(assessment.id)),
    ).toBeUndefined()

    addMember(
      db,
      { id: security.id, label: security.email },
      assessment.id,
      engineer.id,
    )

    expect(findVisibleAssessment(db, engineer, assessment.slug)?.id).toBe(
      assessment.id,
    )
    expect(findVisibleAssessment(db, engineer, String(assessment.id))?.id).toBe(
      assessment.id,
    )
  })
})
