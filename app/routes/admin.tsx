import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet, useLoaderData } from '@remix-run/react'
import { AdminNav } from '~/components/admin-nav'
import { requireUser } from '~/utils/auth.server'

/**
 * The admin area's frame. It only needs a signed-in user; every page
 * inside checks its own permission (users, tokens, settings: admin; the
 * audit log: admin and security), so no page relies on this layout.
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)

  return { user: { role: user.role } }
}

export default function AdminLayout() {
  const { user } = useLoaderData<typeof loader>()
  return (
    <div>
      <h1 className="text-2xl font-semibold">Administration</h1>
      <AdminNav user={user} />
      <div className="mt-4">
        <Outlet />
      </div>
    </div>
  )
}
