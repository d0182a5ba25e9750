import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { deleteSession } from '~/models/session.server'
import { clearSessionCookie, getSession } from '~/utils/auth.server'
import { readForm } from '~/utils/forms.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'
import { assertSameOrigin } from '~/utils/auth.server'

export function loader() {
  // Signing out changes state, so it is a POST; a GET just goes home.
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request, context)
  const session = getSession(request)
  if (session) {
    await readForm(request, session)
    deleteSession(getDb(), session.id)
    logSecurityEvent('logout', 'success', {
      requestId: context.requestId,
      clientIp: context.clientIp,
      route: '/logout',
      userId: session.user.id,
    })
  }
  return redirect('/login', { headers: { 'Set-Cookie': clearSessionCookie() } })
}
