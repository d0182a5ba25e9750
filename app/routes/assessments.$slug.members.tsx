import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CsrfInput } from '~/components/csrf-input'
import { buttonClass } from '~/components/field'
import {
  addMember,
  listAddableUsers,
  listMembers,
  MEMBER_ROLES,
  removeMember,
} from '~/models/membership.server'
import { getUserById } from '~/models/user.server'
import { requireAssessment } from '~/utils/assessment-access.server'
import { readForm } from '~/utils/forms.server'
import { logSecurityEvent, requestLog } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [{ title: 'Members · Clearance' }]

const ActionSchema = z.object({
  intent: z.enum(['add-member', 'remove-member']),
  userId: z.coerce.number().int().positive(),
})

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const { assessment } = requireAssessment(
    request,
    params.slug,
    'manage:membership',
    context,
  )

  const db = getDb()
  return {
    members: listMembers(db, assessment.id),
    addable: listAddableUsers(db, assessment.id),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, session, assessment } = requireAssessment(
    request,
    params.slug,
    'manage:membership',
    context,
  )
  const parsed = ActionSchema.safeParse(
    Object.fromEntries(await readForm(request, session)),
  )
  if (!parsed.success)
    return data({ error: 'Choose a person.' }, { status: 400 })

  const db = getDb()
  const target = getUserById(db, parsed.data.userId)
  const actor = {
    id: user.id,
    label: user.email,
    ipAddress: context.clientIp,
    requestId: context.requestId,
  }
  if (parsed.data.intent === 'add-member') {
    // Admin and security see everything already; members are the others.
    if (!target || !(MEMBER_ROLES as readonly string[]).includes(target.role))
      return data(
        { error: 'Only engineers and viewers can be added.' },
        { status: 400 },
      )
    addMember(db, actor, assessment.id, target.id)
  } else if (target) {
    removeMember(db, actor, assessment.id, target.id)
  }
  logSecurityEvent(
    parsed.data.intent === 'add-member' ? 'member_added' : 'member_removed',
    'success',
    requestLog(request, context, user.id),
    { targetUserId: parsed.data.userId, assessmentId: assessment.id },
  )
  return { error: null }
}

export default function Members() {
  const { members, addable } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <div>
      <h2 className="text-xl font-semibold">Members</h2>
      <p className="mt-1 text-sm text-slate-700">
        Engineers and viewers see this assessment only as members. Admin and
        security see every assessment.
      </p>
      {actionData?.error ? (
        <p
          role="alert"
          className="mt-3 rounded bg-red-50 p-3 text-sm text-red-900"
        >
          {actionData.error}
        </p>
      ) : null}
      {members.length === 0 ? (
        <p className="mt-3">No members yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {members.map((member) => (
            <li
              key={member.id}
              className="flex flex-wrap items-center gap-3 p-3"
            >
              <span className="font-medium">{member.name}</span>
              <span className="text-sm text-slate-700">
                {member.email} · {member.role}
                {member.disabledAt ? ' · disabled' : ''}
              </span>
              <Form method="post" className="ml-auto">
                <CsrfInput />
                <input type="hidden" name="intent" value="remove-member" />
                <input type="hidden" name="userId" value={member.id} />
                <button
                  type="submit"
                  aria-label={`Remove ${member.name}`}
                  className="rounded border border-red-700 px-3 py-1 text-sm text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
                >
                  Remove
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="mt-6 flex flex-wrap items-end gap-2">
        <CsrfInput />
        <input type="hidden" name="intent" value="add-member" />
        <div className="flex flex-col gap-1">
          <label htmlFor="userId" className="text-sm font-medium">
            Person to add
          </label>
          <select
            id="userId"
            name="userId"
            className="rounded border border-slate-400 px-3 py-2"
          >
            {addable.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} ({person.role}, {person.email})
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className={buttonClass}
          disabled={addable.length === 0}
        >
          Add member
        </button>
      </Form>
    </div>
  )
}
