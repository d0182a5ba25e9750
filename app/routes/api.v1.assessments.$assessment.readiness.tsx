import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadReadinessAnswer } from '~/models/readiness.server'
import {
  apiJson,
  handleApi,
  requireApi,
  requireApiAssessment,
} from '~/utils/api.server'
import { getDb } from '#db/client.server'

/**
 * GET /api/v1/assessments/{slug or id}/readiness: may this service ship?
 * `ready` is the gates' verdict; `signedOff` is answered separately, so a
 * pipeline can require one, the other, or both (see docs/ci-gate.md).
 */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const caller = await requireApi(
      request,
      context,
      'readiness:read',
      'read:assessment',
    )
    const assessment = requireApiAssessment(caller, params.assessment)

    const answer = loadReadinessAnswer(getDb(), assessment.id)

    return apiJson({
      assessment: {
        id: assessment.id,
        slug: assessment.slug,
        name: assessment.name,
      },
      ready: answer.ready,
      evaluatedAt: answer.evaluatedAt,
      gates: answer.gates.map((gate) => ({
        id: gate.id,
        name: gate.name,
        type: gate.type,
        enabled: gate.enabled,
        passed: gate.passed,
        reasons: gate.reasons,
      })),
      failing: answer.failing.map((gate) => gate.name),
      signedOff: answer.signOff.signedOff,
      signOff: answer.signOff,
    })
  })
}
