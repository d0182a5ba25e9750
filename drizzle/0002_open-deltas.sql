CREATE TABLE `finding_open_deltas` (
	`assessment_id` integer NOT NULL,
	`day` text NOT NULL,
	`severity` text NOT NULL,
	`delta` integer NOT NULL,
	PRIMARY KEY(`assessment_id`, `day`, `severity`),
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
-- The trigger and the backfill below share two rules, kept in step with
-- app/domain/burndown.ts:
--   a change is a `created` or `archived` event, or a `status` event with a
--   new status; after it the finding is open (1) or not (0): created -> 1,
--   archived -> 0, status -> 0 for verified, false_positive and
--   risk_accepted, else 1;
--   a finding's changes are ordered by (created_at, id), and its severity is
--   the one on its `created` event, which is written with the finding,
--   before any other event of it (events of a finding with no `created`
--   event yet are left out, as the replay leaves them out).
-- Backfill: each change adds (open after it) - (open after the previous
-- change of the same finding, 0 before the first) on its day.
INSERT INTO `finding_open_deltas` (`assessment_id`, `day`, `severity`, `delta`)
SELECT `assessment_id`, `day`, `severity`, sum(`change`) FROM (
  SELECT e.`assessment_id`, substr(e.`created_at`, 1, 10) AS `day`,
    (SELECT c.`severity` FROM `finding_events` c
      WHERE c.`finding_id` = e.`finding_id` AND c.`kind` = 'created'
      ORDER BY c.`created_at`, c.`id` LIMIT 1) AS `severity`,
    e.`open` - coalesce(lag(e.`open`) OVER (
      PARTITION BY e.`finding_id` ORDER BY e.`created_at`, e.`id`), 0) AS `change`
  FROM (
    SELECT `id`, `finding_id`, `assessment_id`, `created_at`,
      CASE WHEN `kind` = 'created' THEN 1 WHEN `kind` = 'archived' THEN 0
        WHEN `to_status` IN ('verified', 'false_positive', 'risk_accepted') THEN 0
        ELSE 1 END AS `open`
    FROM `finding_events`
    WHERE `kind` IN ('created', 'archived')
      OR (`kind` = 'status' AND `to_status` IS NOT NULL)
  ) e
)
WHERE `severity` IS NOT NULL
GROUP BY `assessment_id`, `day`, `severity`
HAVING sum(`change`) <> 0;
--> statement-breakpoint
-- On each new change E of a finding, between its previous change P and its
-- next change N (either may be missing): from E's day the finding is as E
-- leaves it instead of as P left it; from N's day on, N decides again, so
-- the difference is taken back there. Events are normally appended (no N),
-- but an import or a generator may write history out of order.
CREATE TRIGGER `finding_events_open_deltas` AFTER INSERT ON `finding_events`
WHEN new.`kind` IN ('created', 'archived')
  OR (new.`kind` = 'status' AND new.`to_status` IS NOT NULL)
BEGIN
  INSERT INTO `finding_open_deltas` (`assessment_id`, `day`, `severity`, `delta`)
  SELECT new.`assessment_id`,
    CASE WHEN k.`at_next` THEN x.`next_day` ELSE substr(new.`created_at`, 1, 10) END,
    x.`severity`,
    CASE WHEN k.`at_next` THEN x.`open_before` - x.`open_after`
      ELSE x.`open_after` - x.`open_before` END
  FROM (
    SELECT
      CASE WHEN new.`kind` = 'created' THEN 1 WHEN new.`kind` = 'archived' THEN 0
        WHEN new.`to_status` IN ('verified', 'false_positive', 'risk_accepted') THEN 0
        ELSE 1 END AS `open_after`,
      coalesce((
        SELECT CASE WHEN p.`kind` = 'created' THEN 1 WHEN p.`kind` = 'archived' THEN 0
          WHEN p.`to_status` IN ('verified', 'false_positive', 'risk_accepted') THEN 0
          ELSE 1 END
        FROM `finding_events` p
        WHERE p.`finding_id` = new.`finding_id` AND p.`id` <> new.`id`
          AND (p.`kind` IN ('created', 'archived')
            OR (p.`kind` = 'status' AND p.`to_status` IS NOT NULL))
          AND (p.`created_at` < new.`created_at`
            OR (p.`created_at` = new.`created_at` AND p.`id` < new.`id`))
        ORDER BY p.`created_at` DESC, p.`id` DESC LIMIT 1), 0) AS `open_before`,
      (
        SELECT substr(n.`created_at`, 1, 10)
        FROM `finding_events` n
        WHERE n.`finding_id` = new.`finding_id` AND n.`id` <> new.`id`
          AND (n.`kind` IN ('created', 'archived')
            OR (n.`kind` = 'status' AND n.`to_status` IS NOT NULL))
          AND (n.`created_at` > new.`created_at`
            OR (n.`created_at` = new.`created_at` AND n.`id` > new.`id`))
        ORDER BY n.`created_at`, n.`id` LIMIT 1) AS `next_day`,
      CASE WHEN new.`kind` = 'created' THEN new.`severity` ELSE (
        SELECT c.`severity` FROM `finding_events` c
        WHERE c.`finding_id` = new.`finding_id` AND c.`kind` = 'created'
        ORDER BY c.`created_at`, c.`id` LIMIT 1) END AS `severity`
  ) x,
  (SELECT 0 AS `at_next` UNION ALL SELECT 1) k
  WHERE x.`severity` IS NOT NULL AND x.`open_after` <> x.`open_before`
    AND (NOT k.`at_next` OR x.`next_day` IS NOT NULL)
  ON CONFLICT (`assessment_id`, `day`, `severity`)
    DO UPDATE SET `delta` = `delta` + excluded.`delta`;
END;
