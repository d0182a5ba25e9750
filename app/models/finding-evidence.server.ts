import { and, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { evidence, findings } from '#db/schema/findings'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { checkEvidenceFile } from '~/domain/finding-evidence'
import { dataDir } from '~/utils/secrets.server'
import { addEvidence } from './finding-activity.server'
import type { IntentContext, IntentOutcome } from './finding-intents.server'

/**
 * Uploaded evidence lives under `<data>/evidence/<random>`: outside the
 * public folder, under a name nobody chose, so an upload can never be
 * reached by URL or overwrite another file.
 */
function evidenceFolder() {
  const folder = path.join(dataDir(), 'evidence')
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
  return folder
}

export function saveEvidenceFile(bytes: Uint8Array): string {
  const name = crypto.randomBytes(24).toString('hex')
  fs.writeFileSync(path.join(evidenceFolder(), name), bytes, { mode: 0o600 })
  return name
}

export function readEvidenceFile(storedPath: string): Buffer | null {
  // Stored names are hex we made; anything else is not ours to read.
  if (!/^[a-f0-9]{48}$/.test(storedPath)) return null
  const file = path.join(evidenceFolder(), storedPath)
  return fs.existsSync(file) ? fs.readFileSync(file) : null
}

/** Checks an uploaded file by size, content and name, then stores it. */
export async function uploadEvidence(
  { db, actor, finding, meta }: IntentContext,
  form: FormData,
  values: Record<string, string>,
): Promise<IntentOutcome> {
  const intent = 'upload-evidence'
  const file = form.get('file')
  if (!(file instanceof Blob) || file.size === 0)
    return {
      intent,
      ok: false,
      status: 400,
      values,
      message: 'Choose a file',
      fieldErrors: { file: 'Choose a file' },
    }
  const name =
    'name' in file && typeof file.name === 'string' ? file.name : 'upload'
  const bytes = new Uint8Array(await file.arrayBuffer())
  const check = checkEvidenceFile(name, bytes)
  if (!check.ok)
    return {
      intent,
      ok: false,
      status: 400,
      values,
      message: check.message,
      fieldErrors: { file: check.message },
    }
  const storedPath = saveEvidenceFile(bytes)
  addEvidence(
    db,
    actor,
    finding,
    {
      kind: 'file',
      value: name.slice(0, 200),
      fileName: name.slice(0, 200),
      storedPath,
      mimeType: check.mimeType,
      sizeBytes: bytes.byteLength,
    },
    meta,
  )
  return { intent, ok: true, status: 200 }
}

/** A file evidence row, only if its finding belongs to the assessment. */
export function getEvidenceFile(
  db: Db,
  assessmentId: number,
  evidenceId: number,
) {
  return db
    .select({
      id: evidence.id,
      storedPath: evidence.storedPath,
      mimeType: evidence.mimeType,
      reference: findings.reference,
    })
    .from(evidence)
    .innerJoin(findings, eq(findings.id, evidence.findingId))
    .where(
      and(
        eq(evidence.id, evidenceId),
        eq(evidence.kind, 'file'),
        eq(findings.assessmentId, assessmentId),
      ),
    )
    .get()
}
