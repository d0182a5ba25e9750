import { migrateDatabase, openDatabase } from '#db/client.server'

/** A fresh in-memory database with every migration applied. */
export function createTestDb() {
  const connection = openDatabase(':memory:')
  migrateDatabase(connection.db)
  return connection
}
