import type { LoaderFunctionArgs } from '@remix-run/node'
import { EVIDENCE_TYPES } from '~/domain/finding-evidence'
import {
  getEvidenceFile,
  readEvidenceFile,
} from '~/models/finding-evidence.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { fail } from '~/utils/http.server'
import { getDb } from '#db/client.server'

/**
 * GET /assessments/{slug}/evidence/{id}: an uploaded file, for people who
 * may read the assessment's findings. Always a download under a name the
 * server makes, never rendered inline. `X-Content-Type-Options: nosniff`
 * comes from helmet on every response (setting it here too would send it
 * twice); the e2e test checks it arrives exactly once.
 */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assessment } = requireAssessment(
    request,
    params.slug,
    'read:finding',
    context,
  )

  const id = Number(params.id)
  const row = Number.isInteger(id)
    ? getEvidenceFile(getDb(), assessment.id, id)
    : undefined
  const bytes = row?.storedPath ? readEvidenceFile(row.storedPath) : null
  if (!row || !bytes) fail(404, 'There is no such evidence file.')

  const type = Object.values(EVIDENCE_TYPES).find(
    (candidate) => candidate.mimeType === row.mimeType,
  )
  const extension = type?.extensions[0] ?? 'bin'
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': type?.mimeType ?? 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${row.reference.replace(/[^A-Za-z0-9-]/g, '_')}-evidence-${row.id}.${extension}"`,
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'private, no-store',
    },
  })
}
