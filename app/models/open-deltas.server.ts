import { eq, sql } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { findingOpenDeltas } from '#db/schema/findings'

/**
 * Rewrites one assessment's `finding_open_deltas` from its events. The
 * trigger keeps the table as events are appended; a script that rewrites
 * history in place (such as the demo-history script moving creation times)
 * must call this afterwards, in the same transaction. The statement is the
 * migration's backfill (drizzle/0002_open-deltas.sql) for one assessment;
 * tests/unit/open-deltas.test.ts checks both against the trigger.
 */
export function rebuildOpenDeltas(db: Db, assessmentId: number) {
  db.delete(findingOpenDeltas)
    .where(eq(findingOpenDeltas.assessmentId, assessmentId))
    .run()
  db.run(sql`
    insert into finding_open_deltas (assessment_id, day, severity, delta)
    select assessment_id, day, severity, sum(change) from (
      select e.assessment_id, substr(e.created_at, 1, 10) as day,
        (select c.severity from finding_events c
          where c.finding_id = e.finding_id and c.kind = 'created'
          order by c.created_at, c.id limit 1) as severity,
        e.open - coalesce(lag(e.open) over (
          partition by e.finding_id order by e.created_at, e.id), 0) as change
      from (
        select id, finding_id, assessment_id, created_at,
          case when kind = 'created' then 1 when kind = 'archived' then 0
            when to_status in ('verified', 'false_positive', 'risk_accepted') then 0
            else 1 end as open
        from finding_events
        where assessment_id = ${assessmentId}
          and (kind in ('created', 'archived')
            or (kind = 'status' and to_status is not null))
      ) e
    )
    where severity is not null
    group by assessment_id, day, severity
    having sum(change) <> 0`)
}
