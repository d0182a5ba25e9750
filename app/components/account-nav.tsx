import { NavLink } from '@remix-run/react'

const LINKS = [
  { to: '/account', label: 'Account', end: true },
  { to: '/account/two-factor', label: 'Two-factor', end: false },
  { to: '/account/tokens', label: 'API tokens', end: false },
]

/** The sections of a user's own account. */
export function AccountNav() {
  return (
    <nav
      aria-label="Account sections"
      className="mt-4 border-b border-slate-300"
    >
      <ul className="-mb-px flex flex-wrap gap-1">
        {LINKS.map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.end}
              className={({ isActive }) =>
                `inline-block rounded-t border px-4 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 ${
                  isActive
                    ? 'border-slate-300 border-b-white bg-white text-slate-900'
                    : 'border-transparent text-sky-800 hover:bg-slate-100'
                }`
              }
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
