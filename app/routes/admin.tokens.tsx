import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { TokenTable } from '~/components/token-table'
import { revokeApiTokenAudited } from '~/models/account-admin.server'
import { listApiTokens } from '~/models/api-token.server'
import { requirePermission } from '~/utils/auth.server'
import { readForm } from '~/utils/forms.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

export const meta: MetaFunction = () => [
  { title: 'All API tokens · Clearance' },
]

export function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, 'manage:all-tokens', context)

  return { tokens: listApiTokens(getDb()) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requirePermission(
    request,
    'manage:all-tokens',
    context,
  )
  const form = await readForm(request, session)

  const tokenId = z.coerce
    .number()
    .int()
    .positive()
    .safeParse(form.get('tokenId'))
  if (!tokenId.success) return { revoked: false }

  const revoked = revokeApiTokenAudited(
    getDb(),
    {
      id: user.id,
      label: user.email,
      ipAddress: context.clientIp,
      requestId: context.requestId,
    },
    tokenId.data,
  )
  logSecurityEvent(
    'api_token_revoked',
    revoked ? 'success' : 'failure',
    {
      requestId: context.requestId,
      clientIp: context.clientIp,
      route: '/admin/tokens',
      userId: user.id,
    },
    { tokenId: tokenId.data },
  )
  return { revoked }
}

export default function AdminTokens() {
  const { tokens } = useLoaderData<typeof loader>()
  return (
    <div>
      <h2 className="text-xl font-semibold">All API tokens</h2>
      <TokenTable tokens={tokens} showOwner />
    </div>
  )
}
