import { sql } from 'drizzle-orm'
import { integer, text } from 'drizzle-orm/sqlite-core'

/**
 * Column helpers shared by every table. Times are ISO-8601 UTC strings
 * (`2026-12-03T16:40:00.000Z`) and calendar days are `YYYY-MM-DD` strings:
 * both sort and compare correctly as text, so SQL can filter and group on
 * them with plain indexes.
 */
export const id = () => integer('id').primaryKey({ autoIncrement: true })

export const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`)

export const updatedAt = () =>
  text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`)

/** Optimistic concurrency: every update bumps it and checks the old value. */
export const version = () => integer('version').notNull().default(1)
