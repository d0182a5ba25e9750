import {
  FINDING_STATUS_LABELS,
  type FindingStatus,
} from '~/domain/finding-status'
import { SEVERITY_LABELS, type Severity } from '~/domain/severity'

const severityStyles: Record<Severity, string> = {
  critical: 'bg-rose-100 text-rose-900 ring-rose-300',
  high: 'bg-orange-100 text-orange-900 ring-orange-300',
  medium: 'bg-amber-100 text-amber-900 ring-amber-300',
  low: 'bg-blue-100 text-blue-900 ring-blue-300',
  info: 'bg-slate-100 text-slate-800 ring-slate-300',
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ring-1 ${severityStyles[severity]}`}
    >
      {SEVERITY_LABELS[severity]}
    </span>
  )
}

const statusStyles: Record<FindingStatus, string> = {
  open: 'bg-white text-slate-900 ring-slate-400',
  in_progress: 'bg-sky-50 text-sky-900 ring-sky-300',
  fixed: 'bg-violet-50 text-violet-900 ring-violet-300',
  verified: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  reopened: 'bg-rose-50 text-rose-900 ring-rose-300',
  risk_accepted: 'bg-amber-50 text-amber-900 ring-amber-300',
  false_positive: 'bg-slate-100 text-slate-700 ring-slate-300',
}

export function StatusBadge({ status }: { status: FindingStatus }) {
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium ring-1 ${statusStyles[status]}`}
    >
      {FINDING_STATUS_LABELS[status]}
    </span>
  )
}

export function Tag({ children }: { children: string }) {
  return (
    <span className="inline-block rounded bg-slate-800 px-2 py-0.5 text-xs font-semibold text-white">
      {children}
    </span>
  )
}
