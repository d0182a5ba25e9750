import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/utils/auth.server'

export function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context)
  return redirect('/assessments')
}
