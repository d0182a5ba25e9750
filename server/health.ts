import type { Db } from '#db/client.server'
import { settings } from '#db/schema/accounts'

/**
 * Storage health: a real write, not a read. A full or read-only disk still
 * answers reads, so only a write tells whether Clearance can save anything.
 */
export function checkStorageWritable(db: Db): { ok: boolean; error?: string } {
  try {
    const value = { at: new Date().toISOString() }
    db.insert(settings)
      .values({ key: 'storage_probe', value })
      .onConflictDoUpdate({ target: settings.key, set: { value } })
      .run()
    return { ok: true }
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? error.message : 'unknown',
    }
  }
}
