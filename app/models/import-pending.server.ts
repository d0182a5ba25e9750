import crypto from 'node:crypto'
import type { ImportFormat } from '~/domain/import/types'
import type { NewAssessmentFields } from './import.server'

/**
 * Uploads waiting for confirmation, in this process's memory for 15
 * minutes, keyed by a random id and bound to the user who uploaded. The
 * confirm re-reads the stored content, never anything from the browser.
 */
const PENDING_TTL_MS = 15 * 60 * 1000
const MAX_PENDING = 20
interface PendingImport {
  userId: number
  scope: string
  format: ImportFormat
  content: string
  /** For an import into a new assessment: its fields from the form. */
  fields?: NewAssessmentFields
}

const pending = new Map<string, PendingImport & { expires: number }>()

export function stashPendingImport(
  entry: PendingImport,
  now = Date.now(),
): string {
  for (const [id, item] of pending) if (item.expires < now) pending.delete(id)
  while (pending.size >= MAX_PENDING) {
    const oldest = pending.keys().next().value
    if (oldest === undefined) break
    pending.delete(oldest)
  }
  const id = crypto.randomBytes(18).toString('base64url')
  pending.set(id, { ...entry, expires: now + PENDING_TTL_MS })
  return id
}

export function takePendingImport(
  id: string,
  userId: number,
  scope: string,
  now = Date.now(),
) {
  const entry = pending.get(id)
  if (!entry || entry.userId !== userId || entry.scope !== scope) return null
  pending.delete(id)
  return entry.expires < now ? null : entry
}
