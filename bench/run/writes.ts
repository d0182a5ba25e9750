import { GENESIS_HASH, hashAuditEntry } from '~/models/audit.server'
import type { Floor, FloorContext } from './floors'

/**
 * The floor of a status change: in one transaction, read the finding,
 * update it with its version, write the history row, and append the
 * hash-chained audit entry.
 */
export function statusChangeFloor(
  context: FloorContext,
  assessmentId: number,
  takeOpenFinding: () => string,
): Floor {
  const { sqlite } = context
  const read = sqlite.prepare(
    `select id, status, severity, version from findings where assessment_id = ? and reference = ?`,
  )
  const update = sqlite.prepare(
    `update findings set status = ?, version = version + 1, updated_at = ? where id = ? and version = ?`,
  )
  const event = sqlite.prepare(
    `insert into finding_events (finding_id, assessment_id, actor_id, kind, from_status, to_status, severity, note, created_at)
     values (?, ?, 1, 'status', ?, ?, ?, ?, ?)`,
  )
  const last = sqlite.prepare(
    `select id, hash from audit_log order by id desc limit 1`,
  )
  const append = sqlite.prepare(
    `insert into audit_log (id, at, actor_id, actor_label, action, entity_type, entity_id, assessment_id, before, after, ip_address, request_id, prev_hash, hash)
     values (@id, @at, @actorId, @actorLabel, @action, @entityType, @entityId, @assessmentId, @before, @after, @ipAddress, @requestId, @prevHash, @hash)`,
  )
  const change = sqlite.transaction((reference: string) => {
    const finding = read.get(assessmentId, reference) as
      | { id: number; status: string; severity: string; version: number }
      | undefined
    if (!finding) throw new Error(`No finding ${reference}`)
    const at = new Date().toISOString()
    update.run('in_progress', at, finding.id, finding.version)
    event.run(
      finding.id,
      assessmentId,
      finding.status,
      'in_progress',
      finding.severity,
      'Floor.',
      at,
    )
    const previous = last.get() as { id: number; hash: string } | undefined
    const entry = {
      id: (previous?.id ?? 0) + 1,
      at,
      actorId: 1,
      actorLabel: 'Bench Admin',
      action: 'finding.status_changed',
      entityType: 'finding',
      entityId: String(finding.id),
      assessmentId,
      before: JSON.stringify({ status: finding.status }),
      after: JSON.stringify({ status: 'in_progress' }),
      ipAddress: '127.0.0.1',
      requestId: null,
      prevHash: previous?.hash ?? GENESIS_HASH,
    }
    append.run({ ...entry, hash: hashAuditEntry(entry) })
  })
  return () => change(takeOpenFinding())
}
