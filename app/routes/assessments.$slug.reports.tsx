import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
} from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass, Field } from '~/components/field'
import { addDays, isIsoDay, toIsoDay } from '~/domain/dates'
import { can } from '~/domain/permissions'
import {
  createShareLink,
  listShareLinks,
  revokeShareLink,
} from '~/models/report-share.server'
import { warmPdfRenderer } from '~/reports/pdf-renderer.server'
import { MAX_SHARE_DAYS } from '~/reports/share-limits'
import { getSignOffStatus } from '~/models/sign-off.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
import { fail } from '~/utils/http.server'
import { logSecurityEvent, requestLog } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'Reports · Clearance' }]

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, assessment } = requireAssessment(
    request,
    params.slug,
    'export:report',
    context,
  )

  // Whoever opens this page is likely to export: start the PDF renderer
  // now so their first PDF does not also wait for it to load.
  warmPdfRenderer()
  const db = getDb()
  return {
    slug: assessment.slug,
    signOff: getSignOffStatus(db, assessment.id),
    canShare: can(user, 'share:report'),
    canImport: can(user, 'import:findings'),
    shareLinks: can(user, 'share:report')
      ? listShareLinks(db, assessment.id)
      : [],
    today: toIsoDay(new Date()),
  }
}

function shareSchema(today: string) {
  const latest = addDays(today, MAX_SHARE_DAYS)
  return z.object({
    label: z.string().trim().max(100, 'Keep the label under 100 characters.'),
    expiresOn: z
      .string()
      .refine(isIsoDay, 'Choose a date.')
      .refine((day) => day > today, 'Choose a day after today.')
      .refine(
        (day) => day <= latest,
        `A link lasts at most ${MAX_SHARE_DAYS} days (until ${latest}).`,
      ),
  })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, session, assessment } = requireAssessment(
    request,
    params.slug,
    'share:report',
    context,
  )
  const form = await readForm(request, session)

  const audit = {
    actor: user,
    ipAddress: context.clientIp,
    requestId: context.requestId,
  }
  const log = requestLog(request, context, user.id)
  const intent = form.get('intent')
  if (intent === 'revoke-link') {
    const id = z.coerce.number().int().safeParse(form.get('linkId'))
    if (!id.success) fail(400, 'Which link?')
    revokeShareLink(
      getDb(),
      { assessmentId: assessment.id, id: id.data },
      audit,
    )
    logSecurityEvent('share_link_revoked', 'success', log, { linkId: id.data })
    return { created: null, fieldErrors: null, values: null }
  }
  if (intent !== 'create-link') fail(400, 'Unknown action.')
  const values = {
    label: String(form.get('label') ?? ''),
    expiresOn: String(form.get('expiresOn') ?? ''),
  }
  const parsed = shareSchema(toIsoDay(new Date())).safeParse(values)
  if (!parsed.success)
    return data(
      {
        created: null,
        fieldErrors: z.flattenError(parsed.error).fieldErrors,
        values,
      },
      { status: 400 },
    )

  const link = createShareLink(
    getDb(),
    {
      assessmentId: assessment.id,
      label: parsed.data.label,
      expiresAt: new Date(`${parsed.data.expiresOn}T23:59:59.999Z`),
    },
    audit,
  )
  logSecurityEvent('share_link_created', 'success', log, { linkId: link.id })

  const origin = new URL(request.url).origin
  return {
    created: `${origin}/shared/${link.token}`,
    fieldErrors: null,
    values: null,
  }
}

const linkClass = 'text-sky-800 underline underline-offset-2'

export default function ReportsHub() {
  const { slug, signOff, canShare, canImport, shareLinks, today } =
    useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const signed = signOff.required.filter((entry) => entry.signedAt).length
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">Reports</h2>
      <section
        aria-labelledby="downloads"
        className="rounded border border-slate-200 bg-white p-4"
      >
        <h3 id="downloads" className="text-lg font-semibold">
          Downloads
        </h3>
        <p className="mt-1 text-sm text-slate-700">
          Each download is recorded with its SHA-256 so anyone can later{' '}
          <Link to="/verify" className={linkClass}>
            verify a report
          </Link>
          .
        </p>
        <ul className="mt-2 flex flex-wrap gap-4 text-sm">
          <li>
            {/* A form, not a link: the PDF is made in the background and
                its progress page is where the download appears. */}
            <Form method="post" action={`/assessments/${slug}/exports`}>
              <CsrfInput />
              <button type="submit" className={linkClass}>
                Sign-off report (PDF)
              </button>
            </Form>
          </li>
          <li>
            <a href={`/assessments/${slug}/reports/csv`} className={linkClass}>
              Findings (CSV)
            </a>
          </li>
          <li>
            <a href={`/assessments/${slug}/reports/json`} className={linkClass}>
              Whole assessment (JSON)
            </a>
          </li>
        </ul>
      </section>
      <section
        aria-labelledby="sign-off"
        className="rounded border border-slate-200 bg-white p-4"
      >
        <h3 id="sign-off" className="text-lg font-semibold">
          Sign-off
        </h3>
        <p className="mt-1 text-sm">
          {signOff.required.length === 0
            ? 'No sign-off policy yet.'
            : `${signed} of ${signOff.required.length} required signatures${signOff.signedOff ? ': signed off.' : '.'}`}{' '}
          <Link to="../sign-off" relative="path" className={linkClass}>
            Open the sign-off page
          </Link>
        </p>
        {canImport ? (
          <p className="mt-2 text-sm">
            <Link to="../import" relative="path" className={linkClass}>
              Import findings (SARIF, CSV, JSON)
            </Link>
          </p>
        ) : null}
      </section>
      {canShare ? (
        <ShareLinks links={shareLinks} today={today} result={result ?? null} />
      ) : null}
    </div>
  )
}

type ShareResult = {
  created: string | null
  fieldErrors: Record<string, string[] | undefined> | null
  values: { label: string; expiresOn: string } | null
}

function ShareLinks({
  links,
  today,
  result,
}: {
  links: ReturnType<typeof useLoaderData<typeof loader>>['shareLinks']
  today: string
  result: ShareResult | null
}) {
  return (
    <section
      aria-labelledby="auditor-links"
      className="rounded border border-slate-200 bg-white p-4"
    >
      <h3 id="auditor-links" className="text-lg font-semibold">
        Auditor links
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        A read-only link to the report summary and PDF, for someone without an
        account. It expires on the day you choose (at most {MAX_SHARE_DAYS}{' '}
        days) and can be revoked.
      </p>
      {result?.created ? (
        <div role="status" className="mt-3 rounded bg-emerald-50 p-3 text-sm">
          <p className="font-medium">
            Link created. Copy it now: it is not shown again.
          </p>
          <p className="mt-1 break-all font-mono" data-testid="share-url">
            {result.created}
          </p>
        </div>
      ) : null}
      <Form
        method="post"
        className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3"
      >
        <CsrfInput />
        <input type="hidden" name="intent" value="create-link" />
        <Field
          label="Label"
          name="label"
          defaultValue={result?.values?.label ?? ''}
          error={result?.fieldErrors?.label?.[0]}
        />
        <Field
          label="Expires on"
          name="expiresOn"
          type="date"
          required
          min={addDays(today, 1)}
          max={addDays(today, MAX_SHARE_DAYS)}
          defaultValue={result?.values?.expiresOn ?? addDays(today, 30)}
          error={result?.fieldErrors?.expiresOn?.[0]}
        />
        <div className="self-end">
          <button type="submit" className={buttonClass}>
            Create auditor link
          </button>
        </div>
      </Form>
      {links.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No auditor link yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 text-sm">
          {links.map((link) => (
            <li
              key={link.id}
              className="flex flex-wrap items-center gap-3 py-2"
            >
              <span className="font-medium">{link.label || 'Unlabelled'}</span>
              <span className="text-slate-700">
                by {link.createdBy}, expires {link.expiresAt.slice(0, 10)}
                {link.lastUsedAt
                  ? `, last used ${link.lastUsedAt.slice(0, 16).replace('T', ' ')}`
                  : ', never used'}
              </span>
              {link.revokedAt ? (
                <span className="font-medium text-rose-800">Revoked</span>
              ) : (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="revoke-link" />
                  <input type="hidden" name="linkId" value={link.id} />
                  <button
                    type="submit"
                    className="rounded border border-rose-700 px-2 py-1 text-rose-800 hover:bg-rose-50"
                    aria-label={`Revoke link ${link.label || link.id}`}
                  >
                    Revoke
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
