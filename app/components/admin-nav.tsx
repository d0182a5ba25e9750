import { NavLink } from '@remix-run/react'
import { can, type Permission } from '~/domain/permissions'
import type { Role } from '#db/schema/accounts'

const LINKS: { to: string; label: string; permission: Permission }[] = [
  { to: '/admin', label: 'Users', permission: 'manage:users' },
  { to: '/admin/tokens', label: 'API tokens', permission: 'manage:all-tokens' },
  { to: '/admin/settings', label: 'Settings', permission: 'manage:settings' },
  { to: '/admin/audit', label: 'Audit log', permission: 'read:audit-log' },
]

/** The admin sections the user may open; the server checks each anyway. */
export function AdminNav({ user }: { user: { role: Role } }) {
  return (
    <nav aria-label="Admin sections" className="mt-4 border-b border-slate-300">
      <ul className="-mb-px flex flex-wrap gap-1">
        {LINKS.filter((link) => can(user, link.permission)).map((link) => (
          <li key={link.to}>
            <NavLink
              to={link.to}
              end={link.to === '/admin'}
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
