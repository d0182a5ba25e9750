import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass } from '~/components/field'
import { verifyAuditChain } from '~/models/audit.server'
import { listAuditPage } from '~/models/audit-log.server'
import { requirePermission } from '~/utils/auth.server'
import { readForm } from '~/utils/forms.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'
import { ScrollBox } from '~/components/scroll-box'

export const meta: MetaFunction = () => [{ title: 'Audit log · Clearance' }]

const PageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1)

export function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, 'read:audit-log', context)

  const page = PageSchema.parse(
    new URL(request.url).searchParams.get('page') ?? 1,
  )
  return { page, ...listAuditPage(getDb(), page) }
}

/** Verifying reads only, but walks the whole chain: a POST keeps crawlers off it. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requirePermission(
    request,
    'read:audit-log',
    context,
  )
  await readForm(request, session)

  const verdict = verifyAuditChain(getDb())
  logSecurityEvent(
    'audit_chain_verified',
    verdict.intact ? 'success' : 'failure',
    {
      requestId: context.requestId,
      clientIp: context.clientIp,
      route: '/admin/audit',
      userId: user.id,
    },
    verdict.intact
      ? { entries: verdict.entries }
      : { firstBrokenId: verdict.firstBrokenId },
  )
  return { verdict }
}

export default function AuditLog() {
  const { entries, page, pages, total } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const verdict = actionData?.verdict
  return (
    <div>
      <h2 className="text-xl font-semibold">Audit log</h2>
      <Form method="post" className="mt-3 flex flex-wrap items-center gap-3">
        <CsrfInput />
        <button type="submit" className={buttonClass}>
          Verify chain
        </button>
        {verdict ? (
          verdict.intact ? (
            <p
              role="status"
              className="rounded bg-green-50 p-2 text-sm text-green-900"
            >
              The chain is intact: {verdict.entries} entries checked.
            </p>
          ) : (
            <p
              role="alert"
              className="rounded bg-red-50 p-2 text-sm text-red-900"
            >
              The chain is broken at entry {verdict.firstBrokenId}:{' '}
              {verdict.problem}.
            </p>
          )
        ) : null}
      </Form>
      <p className="mt-3 text-sm text-slate-700">
        {total} entries, newest first. Page {page} of {pages}.
      </p>
      {entries.length === 0 ? (
        <p className="mt-3">Nothing has been recorded yet.</p>
      ) : (
        <ScrollBox label="Audit log entries" className="mt-2">
          <table className="min-w-full border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-slate-300 text-left">
                <th scope="col" className="p-2">
                  #
                </th>
                <th scope="col" className="p-2">
                  When (UTC)
                </th>
                <th scope="col" className="p-2">
                  Who
                </th>
                <th scope="col" className="p-2">
                  Action
                </th>
                <th scope="col" className="p-2">
                  Entity
                </th>
                <th scope="col" className="p-2">
                  Details
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr
                  key={entry.id}
                  className="border-b border-slate-200 align-top"
                >
                  <td className="p-2">{entry.id}</td>
                  <td className="whitespace-nowrap p-2">
                    {entry.at.slice(0, 19).replace('T', ' ')}
                  </td>
                  <td className="p-2">{entry.actorLabel}</td>
                  <td className="p-2 font-mono">{entry.action}</td>
                  <td className="p-2">
                    {entry.entityType} {entry.entityId ?? ''}
                  </td>
                  <td className="max-w-md break-all p-2 font-mono text-xs">
                    {entry.after ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      <nav aria-label="Audit log pages" className="mt-3 flex gap-4">
        {page > 1 ? (
          <Link to={`?page=${page - 1}`} className="text-sky-800 underline">
            Newer entries
          </Link>
        ) : null}
        {page < pages ? (
          <Link to={`?page=${page + 1}`} className="text-sky-800 underline">
            Older entries
          </Link>
        ) : null}
      </nav>
    </div>
  )
}
