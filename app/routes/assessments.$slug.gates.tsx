import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { AddGateForms } from '~/components/gates/add-gate-forms'
import { GateCard } from '~/components/gates/gate-card'
import { VerdictBanner } from '~/components/verdict-banner'
import { can } from '~/domain/permissions'
import { listPhaseChoices } from '~/models/plan.server'
import { loadReadiness } from '~/models/readiness.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
import { runGateAction } from '~/utils/gate-actions.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [
  { title: 'Readiness gates · Clearance' },
]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, assessment } = requireAssessment(
    request,
    params.slug,
    'read:assessment',
    context,
  )

  const db = getDb()
  const readiness = loadReadiness(db, assessment.id)

  return {
    slug: assessment.slug,
    readiness,
    phases: listPhaseChoices(db, assessment.id),
    canEdit: can(user, 'edit:gates'),
    canCheck: can(user, 'check:gate'),
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

  return runGateAction(request, context, assessment.id, form)
}

export default function GatesPage() {
  const { slug, readiness, phases, canEdit, canCheck } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const phaseNames = new Map(phases.map((phase) => [phase.id, phase.name]))
  const general =
    actionData && actionData.gateId === null && actionData.ok
      ? actionData
      : undefined
  const groups = [
    {
      id: 'rule-gates',
      title: 'Rule gates',
      intro: 'Evaluated from the findings and the plan, every time.',
      gates: readiness.gates.filter((gate) => gate.type === 'rule'),
    },
    {
      id: 'checklist-gates',
      title: 'Checklist gates',
      intro: 'Pass once a named member of the security team ticks them.',
      gates: readiness.gates.filter((gate) => gate.type === 'checklist'),
    },
  ]
  return (
    <div className="space-y-6">
      <h2 className="sr-only">Readiness gates</h2>
      <VerdictBanner
        ready={readiness.ready}
        failing={readiness.failing.map((gate) => gate.name)}
      />
      <p className="text-sm text-slate-600">
        Evaluated at {readiness.evaluatedAt.slice(0, 16).replace('T', ' ')} UTC.
        Deploy pipelines ask the same question through the readiness API.
      </p>
      {general ? (
        <p role="status" className="rounded bg-emerald-50 p-3 text-sm">
          {general.message}
        </p>
      ) : null}
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={group.id}>
          <h2 id={group.id} className="text-lg font-semibold">
            {group.title}
          </h2>
          <p className="text-sm text-slate-600">{group.intro}</p>
          {group.gates.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">None yet.</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {group.gates.map((gate) => (
                <li key={gate.id}>
                  <GateCard
                    gate={gate}
                    slug={slug}
                    canEdit={canEdit}
                    canCheck={canCheck}
                    phaseNames={phaseNames}
                    actionData={actionData}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {canEdit ? (
        <AddGateForms phases={phases} actionData={actionData} />
      ) : null}
    </div>
  )
}
