import type { Db } from '#db/client.server'

/**
 * A statement built and prepared once per connection instead of once per
 * call. Drizzle otherwise rebuilds the SQL text and SQLite re-prepares it
 * on every call, which on the hottest lookups (the session behind every
 * page, the token behind every API call) costs more than the query runs.
 * Values go in through placeholders, so the statements stay parameterized.
 */
export function preparedPerConnection<T>(build: (db: Db) => T) {
  const statements = new WeakMap<Db, T>()
  return (db: Db): T => {
    let statement = statements.get(db)
    if (!statement) {
      statement = build(db)
      statements.set(db, statement)
    }
    return statement
  }
}
