import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { can } from '~/domain/permissions'
import { SignSchema } from '~/domain/sign-off-form'
import { loadReportState } from '~/models/report.server'
import {
  addSignOffRequirement,
  getSignOffStatus,
  listPossibleSigners,
  removeSignOffRequirement,
  signAssessment,
} from '~/models/sign-off.server'
import { SignForm, SignOffPolicy } from '~/reports/sign-off-forms'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
import { fail } from '~/utils/http.server'
import { logSecurityEvent, requestLog } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'Sign-off · Clearance' }]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, assessment } = requireAssessment(
    request,
    params.slug,
    'read:assessment',
    context,
  )

  const db = getDb()
  const state = loadReportState(db, assessment.id)
  const status = getSignOffStatus(db, assessment.id)
  const canManage = can(user, 'manage:sign-off')
  return {
    verdict: state.verdict,
    failingGates: state.gates
      .filter((gate) => !gate.passed)
      .map((gate) => gate.name),
    status,
    canManage,
    signers: canManage ? listPossibleSigners(db) : [],
    maySign:
      can(user, 'sign:assessment') &&
      status.required.some((entry) => entry.userId === user.id),
  }
}

const PolicySchema = z.object({
  userId: z.coerce.number().int().positive('Choose a person.'),
  capacity: z
    .string()
    .trim()
    .min(2, 'Name the capacity, such as “Security lead”.')
    .max(80, 'Keep the capacity under 80 characters.'),
})

const RemoveSchema = PolicySchema.pick({ userId: true })

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, session, assessment } = requireAssessment(
    request,
    params.slug,
    'read:assessment',
    context,
  )
  const form = await readForm(request, session)

  const intent = String(form.get('intent') ?? '')
  const db = getDb()
  const audit = {
    actor: user,
    ipAddress: context.clientIp,
    requestId: context.requestId,
  }
  const log = requestLog(request, context, user.id)
  const values = Object.fromEntries(
    [...form.entries()].map(([key, value]) => [key, String(value)]),
  )
  const needs = (permission: 'manage:sign-off' | 'sign:assessment') => {
    if (can(user, permission)) return
    logSecurityEvent('permission_denied', 'denied', log, { permission })
    fail(403, 'You do not have permission to do this.')
  }

  const invalid = (error: z.ZodError) =>
    data(
      { intent, fieldErrors: z.flattenError(error).fieldErrors, values },
      { status: 400 },
    )

  if (intent === 'add-signer') {
    needs('manage:sign-off')
    const parsed = PolicySchema.safeParse(values)
    if (!parsed.success) return invalid(parsed.error)
    const added = addSignOffRequirement(
      db,
      { assessmentId: assessment.id, ...parsed.data },
      audit,
    )
    if (!added.ok)
      return data(
        { intent, fieldErrors: { [added.field]: [added.message] }, values },
        { status: 400 },
      )
    logSecurityEvent('sign_off_policy_changed', 'success', log, {
      intent,
      signerId: parsed.data.userId,
    })
    return { intent, fieldErrors: null, values: null }
  }
  if (intent === 'remove-signer') {
    needs('manage:sign-off')
    const parsed = RemoveSchema.safeParse(values)
    if (!parsed.success) return invalid(parsed.error)
    removeSignOffRequirement(
      db,
      { assessmentId: assessment.id, userId: parsed.data.userId },
      audit,
    )
    logSecurityEvent('sign_off_policy_changed', 'success', log, {
      intent,
      signerId: parsed.data.userId,
    })
    return { intent, fieldErrors: null, values: null }
  }
  if (intent !== 'sign') fail(400, 'Unknown action.')
  needs('sign:assessment')
  const parsed = SignSchema.safeParse(values)
  if (!parsed.success) return invalid(parsed.error)

  const signed = signAssessment(
    db,
    {
      assessmentId: assessment.id,
      state: loadReportState(db, assessment.id),
      ...parsed.data,
    },
    audit,
  )
  logSecurityEvent(
    'assessment_signed',
    signed.ok ? 'success' : 'denied',
    log,
    signed.ok ? { stateDigest: signed.stateDigest } : { reason: signed.field },
  )
  if (!signed.ok)
    return data(
      { intent, fieldErrors: { [signed.field]: [signed.message] }, values },
      { status: signed.field === 'signer' ? 403 : 400 },
    )

  return { intent, fieldErrors: null, values: null }
}

export default function SignOffPage() {
  const loaderData = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { verdict, failingGates, status } = loaderData
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">Sign-off</h2>
      <p
        className={`rounded p-3 text-sm ${verdict.ready ? 'bg-emerald-50 text-emerald-900' : 'bg-rose-50 text-rose-900'}`}
      >
        {verdict.ready
          ? 'Every gate passes: the assessment may be signed.'
          : `${verdict.failingGates} gate(s) fail: ${failingGates.join(', ')}. Signing needs a written exception.`}
      </p>
      <section
        aria-labelledby="signatures"
        className="rounded border border-slate-200 bg-white p-4"
      >
        <h3 id="signatures" className="text-lg font-semibold">
          Required signatures
        </h3>
        {status.required.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">
            No one is required to sign yet.
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {status.required.map((entry) => (
              <li key={entry.userId} className="py-2">
                <p>
                  <span className="font-medium">{entry.name}</span>,{' '}
                  {entry.capacity}:{' '}
                  {entry.signedAt ? (
                    <>
                      signed {entry.signedAt.slice(0, 16).replace('T', ' ')} UTC
                      {entry.stale ? (
                        <strong className="ml-2 text-amber-800">
                          Stale: a finding changed after this signature
                        </strong>
                      ) : null}
                    </>
                  ) : (
                    <span className="text-slate-600">not signed</span>
                  )}
                </p>
                {entry.statement ? (
                  <p className="mt-1 text-slate-700">“{entry.statement}”</p>
                ) : null}
                {entry.gateException ? (
                  <p className="mt-1 rounded bg-amber-50 p-2 text-amber-900">
                    Gate exception: {entry.gateException}
                  </p>
                ) : null}
                {entry.stateDigest ? (
                  <p className="mt-1 break-all font-mono text-xs text-slate-600">
                    Signed state SHA-256 {entry.stateDigest}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {loaderData.maySign ? (
        <SignForm ready={verdict.ready} result={result ?? null} />
      ) : null}
      {loaderData.canManage ? (
        <SignOffPolicy
          required={status.required}
          signers={loaderData.signers}
          result={result ?? null}
        />
      ) : null}
    </div>
  )
}
