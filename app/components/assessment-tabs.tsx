import { NavLink, useLocation } from '@remix-run/react'
import { can, type Permission } from '~/domain/permissions'
import { useRootData } from '~/root'

/**
 * The sections of an assessment, in the order people use them. Each later
 * capability adds its tab here, so the navigation stays in one place.
 */
export const ASSESSMENT_TABS: {
  to: string
  label: string
  end?: boolean
  // Pages reached from this section that have no tab of their own.
  section?: string[]
  // Shown only to users holding it; the route checks it again.
  permission?: Permission
}[] = [
  { to: '', label: 'Overview', end: true },
  { to: 'dashboard', label: 'Dashboard', section: ['compliance'] },
  { to: 'findings', label: 'Findings' },
  { to: 'plan', label: 'Plan' },
  { to: 'gates', label: 'Gates' },
  {
    to: 'reports',
    label: 'Reports',
    section: ['exports', 'sign-off', 'import'],
  },
  { to: 'members', label: 'Members', permission: 'manage:membership' },
]

export function AssessmentTabs({ slug }: { slug: string }) {
  const user = useRootData()?.user
  const { pathname } = useLocation()
  const inSection = (tab: (typeof ASSESSMENT_TABS)[number]) =>
    tab.section?.some((page) =>
      pathname.startsWith(`/assessments/${slug}/${page}`),
    ) ?? false
  return (
    <nav
      aria-label="Assessment sections"
      className="mt-4 border-b border-slate-300"
    >
      <ul className="-mb-px flex flex-wrap gap-1">
        {ASSESSMENT_TABS.filter(
          (tab) => !tab.permission || can(user, tab.permission),
        ).map((tab) => (
          <li key={tab.label}>
            <NavLink
              to={`/assessments/${slug}${tab.to ? `/${tab.to}` : ''}`}
              end={tab.end ?? false}
              className={({ isActive }) =>
                `inline-block rounded-t border px-4 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 ${
                  isActive || inSection(tab)
                    ? 'border-slate-300 border-b-white bg-white text-slate-900'
                    : 'border-transparent text-sky-800 hover:bg-slate-100'
                }`
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
