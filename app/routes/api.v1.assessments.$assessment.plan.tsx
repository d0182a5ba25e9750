import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadPlan } from '~/models/plan.server'
import {
  apiJson,
  handleApi,
  requireApi,
  requireApiAssessment,
} from '~/utils/api.server'
import { getDb } from '#db/client.server'

/**
 * GET /api/v1/assessments/{slug or id}/plan: the remediation plan, phases
 * with their derived dates and tasks with their progress.
 */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return handleApi(async () => {
    const caller = await requireApi(
      request,
      context,
      'plan:read',
      'read:assessment',
    )
    const assessment = requireApiAssessment(caller, params.assessment)

    const phases = loadPlan(getDb(), assessment)

    return apiJson({
      assessment: {
        id: assessment.id,
        slug: assessment.slug,
        name: assessment.name,
      },
      remediationStartOn: assessment.remediationStartOn,
      phases: phases.map((phase) => ({
        id: phase.id,
        name: phase.name,
        goal: phase.goal,
        startOn: phase.startOn,
        endOn: phase.endOn,
        isOngoing: phase.isOngoing,
        isOverdue: phase.isOverdue,
        tasks: phase.tasks.map((task) => ({
          id: task.id,
          title: task.title,
          description: task.description,
          owner: task.ownerId
            ? { id: task.ownerId, name: task.ownerName }
            : null,
          status: task.status,
          progress: task.progress,
          dueOn: task.dueOn,
          isQuickWin: task.isQuickWin,
          isOngoing: task.isOngoing,
          isOverdue: task.isOverdue,
          version: task.version,
          findings: task.findings,
        })),
      })),
    })
  })
}
