import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/utils/auth.server'

export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)

  // Viewers come for the verdict; everyone else for the work.
  return redirect(user.role === 'viewer' ? '/dashboard' : '/assessments')
}
