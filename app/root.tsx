import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import stylesheet from '~/tailwind.css?url'
import { can } from '~/domain/permissions'
import { getSession } from '~/utils/auth.server'
import { CSRF_FIELD } from '~/utils/forms'
import { useNonce } from '~/utils/nonce'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export function loader({ request, context }: LoaderFunctionArgs) {
  const session = getSession(request, context)
  if (!session || session.pendingSecondFactor) return { user: null, csrf: null }
  return { user: session.user, csrf: session.csrfToken }
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>('root')
}

function navClass({ isActive }: { isActive: boolean }) {
  return `rounded px-3 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${
    isActive ? 'bg-slate-900 text-white' : 'text-slate-100 hover:bg-slate-700'
  }`
}

function Header() {
  const data = useRootData()
  const user = data?.user
  return (
    <header className="bg-slate-800 text-white">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-7xl flex-wrap items-center gap-2 px-4 py-2"
      >
        <Link to="/" className="mr-4 text-lg font-semibold tracking-tight">
          Clearance
        </Link>
        {user ? (
          <>
            <NavLink to="/dashboard" className={navClass}>
              Dashboard
            </NavLink>
            <NavLink to="/assessments" className={navClass}>
              Assessments
            </NavLink>
            <NavLink to="/my-work" className={navClass}>
              My work
            </NavLink>
            {can(user, 'manage:users') ? (
              <NavLink to="/admin" className={navClass}>
                Admin
              </NavLink>
            ) : null}
            <span className="ml-auto flex items-center gap-3 text-sm">
              <NavLink to="/account" className={navClass}>
                {user.name}{' '}
                <span className="text-slate-300">({user.role})</span>
              </NavLink>
              <Form method="post" action="/logout">
                <input
                  type="hidden"
                  name={CSRF_FIELD}
                  value={data.csrf ?? ''}
                />
                <button
                  type="submit"
                  className="rounded border border-slate-500 px-3 py-1.5 hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
                >
                  Sign out
                </button>
              </Form>
            </span>
          </>
        ) : null}
      </nav>
    </header>
  )
}

function PendingBar() {
  const navigation = useNavigation()
  if (navigation.state === 'idle') return null
  return (
    <div
      role="status"
      aria-live="polite"
      className="fixed inset-x-0 top-0 z-50 h-1 animate-pulse bg-sky-500"
    >
      <span className="sr-only">Loading…</span>
    </div>
  )
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <PendingBar />
        <Header />
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

/** One boundary for the app: per-status messages, no stack traces. */
export function ErrorBoundary() {
  const error = useRouteError()
  let title = 'Something went wrong'
  let message =
    'The error was logged. Try again, or go back to the assessments.'
  if (isRouteErrorResponse(error)) {
    const data = error.data as { message?: string } | string | undefined
    const detail = typeof data === 'string' ? data : data?.message
    if (error.status === 404) {
      title = 'Not found'
      message = detail ?? 'There is nothing here, or you may not see it.'
    } else if (error.status === 403) {
      title = 'Not allowed'
      message = detail ?? 'You do not have permission to do this.'
    } else if (error.status === 429) {
      title = 'Too many requests'
      message = detail ?? 'Wait a moment and try again.'
    } else if (error.status < 500) {
      title = 'That did not work'
      message = detail ?? error.statusText
    }
  }
  return (
    <div className="mx-auto max-w-xl rounded border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-700">{message}</p>
      <p className="mt-4">
        <Link to="/assessments" className="text-sky-800 underline">
          Back to assessments
        </Link>
      </p>
    </div>
  )
}
