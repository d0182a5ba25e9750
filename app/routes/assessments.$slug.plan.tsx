import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass } from '~/components/field'
import { PhaseSection } from '~/components/plan/phase-section'
import { TaskFields, taskFieldValues } from '~/components/plan/task-fields'
import { VerdictBanner } from '~/components/verdict-banner'
import { toIsoDay } from '~/domain/dates'
import { can } from '~/domain/permissions'
import {
  listLinkableFindings,
  listTaskOwnerCandidates,
  loadPlan,
} from '~/models/plan.server'
import { loadReadiness } from '~/models/readiness.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
import { runPlanAction } from '~/utils/plan-actions.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [
  { title: 'Remediation plan · Clearance' },
]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, assessment } = requireAssessment(
    request,
    params.slug,
    'read:assessment',
    context,
  )

  const db = getDb()
  const canEdit = can(user, 'edit:plan')
  const readiness = loadReadiness(db, assessment.id)

  return {
    slug: assessment.slug,
    remediationStartOn: assessment.remediationStartOn,
    today: toIsoDay(new Date()),
    userId: user.id,
    canEdit,
    phases: loadPlan(db, assessment),
    owners: canEdit ? listTaskOwnerCandidates(db, assessment.id) : [],
    findings: canEdit ? listLinkableFindings(db, assessment.id) : [],
    verdict: {
      ready: readiness.ready,
      failing: readiness.failing.map((gate) => gate.name),
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, assessment } = requireAssessment(
    request,
    params.slug,
    'read:assessment',
    context,
  )

  const form = await readForm(request, session)

  return runPlanAction(request, context, assessment.id, form)
}

export default function PlanPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const phaseChoices = data.phases.map(({ id, name }) => ({ id, name }))
  const generalAction =
    actionData && actionData.taskId === null ? actionData : undefined
  const createFailed =
    generalAction?.intent === 'create-task' && !generalAction.ok
      ? generalAction
      : undefined
  const rescheduleFailed =
    generalAction?.intent === 'reschedule' && !generalAction.ok
      ? generalAction
      : undefined
  return (
    <div className="space-y-6">
      <h2 className="sr-only">Remediation plan</h2>
      <VerdictBanner
        {...data.verdict}
        gatesHref={`/assessments/${data.slug}/gates`}
      />
      {generalAction ? (
        <p
          role={generalAction.ok ? 'status' : 'alert'}
          className={`rounded p-3 text-sm ${generalAction.ok ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 text-red-900'}`}
        >
          {generalAction.message}
        </p>
      ) : null}
      <section
        aria-labelledby="schedule"
        className="rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="schedule" className="text-lg font-semibold">
          Schedule
        </h2>
        <p className="mt-1 text-sm">
          The remediation sprint starts on{' '}
          <strong>{data.remediationStartOn}</strong>. Every phase is counted in
          days from that start, so moving it moves the whole plan.
        </p>
        {data.canEdit ? (
          <Form
            method="post"
            className="mt-3 flex flex-wrap items-end gap-3"
            noValidate
          >
            <CsrfInput />
            <input type="hidden" name="intent" value="reschedule" />
            <div className="flex flex-col gap-1">
              <label htmlFor="startOn" className="text-sm font-medium">
                Sprint start
              </label>
              <input
                id="startOn"
                name="startOn"
                type="date"
                defaultValue={
                  rescheduleFailed?.values.startOn ?? data.remediationStartOn
                }
                aria-invalid={
                  rescheduleFailed?.errors.startOn ? true : undefined
                }
                aria-describedby={
                  rescheduleFailed?.errors.startOn ? 'startOn-error' : undefined
                }
                className="rounded border border-slate-400 px-2 py-1.5 text-sm"
              />
            </div>
            <button type="submit" className={buttonClass}>
              Reschedule sprint
            </button>
            {rescheduleFailed?.errors.startOn ? (
              <p id="startOn-error" className="w-full text-sm text-red-800">
                {rescheduleFailed.errors.startOn}
              </p>
            ) : null}
          </Form>
        ) : null}
      </section>
      {data.phases.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-slate-700">
          This assessment has no remediation plan yet.
        </p>
      ) : (
        data.phases.map((phase) => (
          <PhaseSection
            key={phase.id}
            phase={phase}
            context={{
              slug: data.slug,
              canEdit: data.canEdit,
              userId: data.userId,
              phases: phaseChoices,
              owners: data.owners,
              findings: data.findings,
              actionData,
            }}
          />
        ))
      )}
      {data.canEdit && data.phases.length > 0 ? (
        <section
          aria-labelledby="add-task"
          className="rounded border border-slate-200 bg-white p-4"
        >
          <h2 id="add-task" className="text-lg font-semibold">
            Add a task
          </h2>
          <Form method="post" className="mt-3 space-y-3" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="create-task" />
            <TaskFields
              prefix="new-task"
              values={taskFieldValues(createFailed?.values, {
                phaseId: String(data.phases[0]?.id ?? ''),
                title: '',
                description: '',
                ownerId: '',
                status: 'todo',
                dueOn: '',
                isQuickWin: false,
                isOngoing: false,
              })}
              errors={createFailed?.errors ?? {}}
              phases={phaseChoices}
              owners={data.owners}
            />
            <button type="submit" className={buttonClass}>
              Add task
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
