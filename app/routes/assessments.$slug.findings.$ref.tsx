import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EditDetailsForm } from '~/components/finding/edit-details-form'
import { EvidenceList } from '~/components/finding/evidence-list'
import { FindingFacts } from '~/components/finding/finding-facts'
import { ManageForms } from '~/components/finding/manage-forms'
import { RiskAcceptance } from '~/components/finding/risk-acceptance'
import { StatusForms } from '~/components/finding/status-forms'
import { Timeline } from '~/components/finding/timeline'
import { tryScoreCvssVector } from '~/domain/cvss'
import { addDays, toIsoDay } from '~/domain/dates'
import { isFindingClosed } from '~/domain/finding-status'
import {
  availableTransitions,
  MAX_ACCEPTANCE_DAYS,
} from '~/domain/finding-workflow'
import { can } from '~/domain/permissions'
import { findSeverityMismatch } from '~/domain/severity'
import { listAssignableUsers } from '~/models/finding-activity.server'
import {
  computeDefaultDueOn,
  listFindingEvidence,
  listFindingTimeline,
} from '~/models/finding-history.server'
import { runFindingIntent } from '~/models/finding-intents.server'
import { expireRiskAcceptances } from '~/models/finding-expiry.server'
import { getPendingRiskAcceptance } from '~/models/finding-risk.server'
import { getFinding } from '~/models/finding.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
import { fail } from '~/utils/http.server'
import { logPermissionDenied } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.finding.reference} ${data.finding.title} · Clearance`
      : 'Finding · Clearance',
  },
]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, assessment } = requireAssessment(
    request,
    params.slug,
    'read:finding',
    context,
  )

  const db = getDb()
  const now = new Date()
  expireRiskAcceptances(db, now, assessment.id)
  const row = getFinding(db, assessment.id, params.ref ?? '')
  if (!row) fail(404, 'There is no such finding in this assessment.')

  const { finding } = row
  const cvss = finding.cvssVector
    ? tryScoreCvssVector(finding.cvssVector)
    : null
  const isClosed = isFindingClosed(finding, now)
  const defaultDueOn = computeDefaultDueOn(db, finding, assessment)
  const dueOn = finding.dueOn ?? defaultDueOn
  const archived = finding.archivedAt !== null
  return {
    finding,
    assigneeName: row.assigneeName,
    metrics: cvss?.ok ? cvss.result.metrics : [],
    mismatch: findSeverityMismatch(finding.auditorSeverity, finding.cvssScore),
    isClosed,
    isOverdue: dueOn < toIsoDay(now) && !isClosed,
    defaultDueOn,
    timeline: listFindingTimeline(db, finding.id),
    evidence: listFindingEvidence(db, finding.id),
    pending: getPendingRiskAcceptance(db, finding.id) ?? null,
    assignable: can(user, 'assign:finding')
      ? listAssignableUsers(db, assessment.id)
      : [],
    available: archived ? [] : availableTransitions(finding.status, user),
    fixedByMe:
      finding.status === 'fixed' &&
      finding.fixedById === user.id &&
      can(user, 'verify:finding'),
    maxExpiry: addDays(toIsoDay(now), MAX_ACCEPTANCE_DAYS),
    userId: user.id,
    slug: assessment.slug,
    permissions: {
      comment: can(user, 'comment:finding'),
      evidence: can(user, 'add:evidence') && !archived,
      risk: can(user, 'accept:risk') && !archived,
      assign: can(user, 'assign:finding') && !archived,
      ticket: can(user, 'progress:finding') && !archived,
      severity: can(user, 'change:severity') && !archived,
      archive: can(user, 'edit:finding') && !archived,
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, session, assessment } = requireAssessment(
    request,
    params.slug,
    'read:finding',
    context,
  )

  const form = await readForm(request, session)
  const db = getDb()
  const row = getFinding(db, assessment.id, params.ref ?? '')
  if (!row) fail(404, 'There is no such finding in this assessment.')

  const outcome = await runFindingIntent(
    {
      db,
      actor: user,
      assessment,
      finding: row.finding,
      version: Number(form.get('version')),
      meta: { ipAddress: context.clientIp, requestId: context.requestId },
    },
    form,
  )

  // 403 is runFindingIntent's answer to a missing permission only: logged
  // like every other refusal (requirePermission logs those).
  if (outcome.status === 403)
    logPermissionDenied(request, context, user.id, { intent: outcome.intent })

  // Post/redirect/get on success, so a reload never resubmits.
  if (outcome.ok) return redirect(new URL(request.url).pathname)
  return json(outcome, { status: outcome.status })
}

export default function FindingPage() {
  const data = useLoaderData<typeof loader>()
  const { finding, permissions } = data
  // Remounting the forms when the finding changes clears them after a
  // success; after an error the action's values refill them.
  const formKey = `${finding.version}-${data.timeline.length}-${data.evidence.length}`
  return (
    <article className="space-y-4">
      <p className="text-sm">
        <Link to=".." relative="path" className="text-sky-800 underline">
          All findings
        </Link>
      </p>
      {finding.archivedAt ? (
        <p
          role="note"
          className="rounded bg-slate-100 p-3 text-sm text-slate-800"
        >
          Archived on {finding.archivedAt.slice(0, 10)}: {finding.archiveReason}
        </p>
      ) : null}
      <FindingFacts
        finding={finding}
        assigneeName={data.assigneeName}
        metrics={data.metrics}
        mismatch={data.mismatch}
        isClosed={data.isClosed}
        isOverdue={data.isOverdue}
        defaultDueOn={data.defaultDueOn}
      />
      <div key={formKey} className="space-y-4">
        <StatusForms
          version={finding.version}
          available={data.available.filter((to) => to !== 'risk_accepted')}
          fixedByMe={data.fixedByMe}
        />
        {permissions.risk &&
        (data.pending || data.available.includes('risk_accepted')) ? (
          <RiskAcceptance
            version={finding.version}
            canRequest={data.available.includes('risk_accepted')}
            canDecide={permissions.risk}
            pending={data.pending}
            userId={data.userId}
            maxExpiry={data.maxExpiry}
          />
        ) : null}
        <ManageForms
          version={finding.version}
          finding={finding}
          assignable={data.assignable}
          permissions={permissions}
        />
        {permissions.archive ? (
          <EditDetailsForm version={finding.version} finding={finding} />
        ) : null}
        <EvidenceList
          rows={data.evidence}
          slug={data.slug}
          reference={finding.reference}
          version={finding.version}
          canAdd={permissions.evidence}
        />
        <Timeline
          entries={data.timeline}
          version={finding.version}
          canComment={permissions.comment}
        />
      </div>
    </article>
  )
}
