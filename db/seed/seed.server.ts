import { count } from 'drizzle-orm'
import { toIsoDay } from '../../app/domain/dates'
import type { Db } from '../client.server'
import { assessments } from '../schema/assessments'
import { seedPhase2 } from './phase2'

/**
 * Seeds the Phase 2 assessment into an empty database. Returns whether it
 * did, so a restart never seeds twice or overwrites anyone's work.
 */
export function seedIfEmpty(db: Db, now = new Date()): boolean {
  const [row] = db.select({ total: count() }).from(assessments).all()
  if ((row?.total ?? 0) > 0) return false
  seedPhase2(db, toIsoDay(now), now.toISOString())
  return true
}
