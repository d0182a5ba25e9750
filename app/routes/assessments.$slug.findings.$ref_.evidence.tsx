import { json, type ActionFunctionArgs } from '@remix-run/node'
import { uploadEvidence } from '~/models/finding-evidence.server'
import { getFinding } from '~/models/finding.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
import { fail } from '~/utils/http.server'
import { getDb } from '#db/client.server'
import { MAX_EVIDENCE_BYTES } from '~/domain/finding-evidence'

/**
 * POST /assessments/{slug}/findings/{ref}/evidence: evidence file uploads.
 * A route of its own because the server lets only /evidence and /import
 * paths carry bodies above 1 MB.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, session, assessment } = requireAssessment(
    request,
    params.slug,
    'add:evidence',
    context,
  )
  // Room for the multipart envelope around a file of the largest size.
  const length = Number(request.headers.get('Content-Length') ?? 0)
  if (length > MAX_EVIDENCE_BYTES + 64 * 1024)
    return json(
      {
        intent: 'upload-evidence',
        ok: false,
        status: 413,
        message: 'Files may be 10 MB at most',
      },
      { status: 413 },
    )

  const form = await readForm(request, session)
  const db = getDb()
  const row = getFinding(db, assessment.id, params.ref ?? '')
  if (!row || row.finding.archivedAt)
    fail(404, 'There is no such finding in this assessment.')

  const outcome = await uploadEvidence(
    {
      db,
      actor: user,
      assessment,
      finding: row.finding,
      version: row.finding.version,
      meta: { ipAddress: context.clientIp, requestId: context.requestId },
    },
    form,
    {},
  )

  return json(outcome, { status: outcome.status })
}
