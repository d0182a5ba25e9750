import {
  FINDING_STATUS_LABELS,
  type FindingStatus,
} from '~/domain/finding-status'
import type { Severity } from '~/domain/severity'

/**
 * Severity and status pills for the dashboard, styled like
 * `components/badges`. NOTE: they are separate on purpose: `badges` imports
 * `domain/severity`, which imports the CVSS calculator (~34 kB gzip) into
 * the browser; the dashboard stays within its script budget without it.
 * Once severity labels no longer pull the calculator, use the badges.
 */
export const SEVERITY_ORDER: Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
]

export const SEVERITY_NAMES: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
}

const severityStyles: Record<Severity, string> = {
  critical: 'bg-rose-100 text-rose-900 ring-rose-300',
  high: 'bg-orange-100 text-orange-900 ring-orange-300',
  medium: 'bg-amber-100 text-amber-900 ring-amber-300',
  low: 'bg-blue-100 text-blue-900 ring-blue-300',
  info: 'bg-slate-100 text-slate-800 ring-slate-300',
}

export function SeverityPill({ severity }: { severity: Severity }) {
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ring-1 ${severityStyles[severity]}`}
    >
      {SEVERITY_NAMES[severity]}
    </span>
  )
}

export function StatusPill({ status }: { status: FindingStatus }) {
  return (
    <span className="inline-block rounded bg-white px-2 py-0.5 text-xs font-medium text-slate-900 ring-1 ring-slate-400">
      {FINDING_STATUS_LABELS[status]}
    </span>
  )
}

export function BlockerTag() {
  return (
    <span className="inline-block rounded bg-slate-800 px-2 py-0.5 text-xs font-semibold text-white print:border print:border-slate-800 print:text-slate-900">
      Blocker
    </span>
  )
}
