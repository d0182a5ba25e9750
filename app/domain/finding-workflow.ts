import type { Role } from '../../db/schema/accounts'
import { addDays, isIsoDay, type IsoDay } from './dates'
import type { FindingStatus } from './finding-status'
import type { Permission } from './permissions'

/**
 * The finding workflow as data. A finding has one status; this table says
 * which moves exist, who may make them and what each needs. The server
 * checks every change against it (forms and API alike); the UI only uses it
 * to decide which buttons to show. See docs/decisions/020-finding-workflow.md.
 */

/** Who acts in the workflow. Admins act as the security team everywhere. */
export type WorkflowActor = 'engineer' | 'security'

export function workflowActor(role: Role): WorkflowActor | null {
  if (role === 'admin' || role === 'security') return 'security'
  if (role === 'engineer') return 'engineer'
  return null
}

/** What a transition needs besides the right role. */
export type TransitionRequirement =
  'nothing' | 'evidence' | 'retest-note' | 'reason' | 'approved-acceptance'

export interface Transition {
  from: readonly FindingStatus[]
  to: FindingStatus
  actors: readonly WorkflowActor[]
  requires: TransitionRequirement
}

/** Statuses from which a finding can still be accepted or dismissed. */
export const ACTIONABLE_STATUSES: readonly FindingStatus[] = [
  'open',
  'in_progress',
  'fixed',
  'reopened',
]

export const TRANSITIONS: readonly Transition[] = [
  {
    from: ['open', 'reopened'],
    to: 'in_progress',
    actors: ['engineer', 'security'],
    requires: 'nothing',
  },
  {
    from: ['open', 'in_progress', 'reopened'],
    to: 'fixed',
    actors: ['engineer', 'security'],
    requires: 'evidence',
  },
  {
    from: ['fixed'],
    to: 'verified',
    actors: ['security'],
    requires: 'retest-note',
  },
  {
    from: ['fixed', 'verified', 'risk_accepted', 'false_positive'],
    to: 'reopened',
    actors: ['security'],
    requires: 'reason',
  },
  {
    from: ACTIONABLE_STATUSES,
    to: 'risk_accepted',
    actors: ['security'],
    requires: 'approved-acceptance',
  },
  {
    from: ACTIONABLE_STATUSES,
    to: 'false_positive',
    actors: ['security'],
    requires: 'reason',
  },
]

/** Status names as they read inside a sentence. */
export const STATUS_PHRASES: Record<FindingStatus, string> = {
  open: 'open',
  in_progress: 'in progress',
  fixed: 'fixed',
  verified: 'verified',
  reopened: 'reopened',
  risk_accepted: 'risk accepted',
  false_positive: 'a false positive',
}

const ROLE_REFUSALS: Record<FindingStatus, string> = {
  open: 'Nobody can move a finding back to open; reopen it instead',
  in_progress: 'Only engineers and the security team can start work',
  fixed: 'Only engineers and the security team can mark a finding fixed',
  verified: 'Only the security team can verify a fix',
  reopened: 'Only the security team can reopen a finding',
  risk_accepted: 'Only the security team can accept a risk',
  false_positive: 'Only the security team can mark a false positive',
}

export interface FixEvidence {
  commit?: string | undefined
  pullRequest?: string | undefined
  release?: string | undefined
  note?: string | undefined
}

export interface TransitionContext {
  /** Who marked the finding fixed, for the two-person rule on verifying. */
  fixedById?: number | null
  evidence?: FixEvidence
  note?: string | undefined
  /** The pending acceptance being approved, when moving to risk_accepted. */
  acceptance?: { requestedById: number } | null
}

export interface TransitionActor {
  id: number
  role: Role
}

export type TransitionCheck =
  | { ok: true; transition: Transition }
  | { ok: false; message: string; field?: 'note' | 'evidence' }

export function findTransition(
  from: FindingStatus,
  to: FindingStatus,
): Transition | undefined {
  return TRANSITIONS.find(
    (transition) => transition.to === to && transition.from.includes(from),
  )
}

function filled(value: string | undefined | null): boolean {
  return typeof value === 'string' && value.trim() !== ''
}

export function hasFixEvidence(evidence: FixEvidence | undefined): boolean {
  if (!evidence) return false
  return [
    evidence.commit,
    evidence.pullRequest,
    evidence.release,
    evidence.note,
  ].some(filled)
}

/** Whether `actor` may move a finding from `from` to `to`, and if not why. */
export function checkTransition(
  from: FindingStatus,
  to: FindingStatus,
  actor: TransitionActor,
  context: TransitionContext = {},
): TransitionCheck {
  if (from === to)
    return {
      ok: false,
      message: `This finding is already ${STATUS_PHRASES[to]}`,
    }
  const transition = findTransition(from, to)
  if (!transition)
    return {
      ok: false,
      message: `A finding that is ${STATUS_PHRASES[from]} cannot move to ${STATUS_PHRASES[to]}`,
    }
  const role = workflowActor(actor.role)
  if (role === null)
    return { ok: false, message: 'Viewers cannot change a finding' }
  if (!transition.actors.includes(role))
    return { ok: false, message: ROLE_REFUSALS[to] }
  switch (transition.requires) {
    case 'evidence':
      if (!hasFixEvidence(context.evidence))
        return {
          ok: false,
          field: 'evidence',
          message:
            'Give at least one piece of evidence: a commit, a pull request, a release or a note',
        }
      break
    case 'retest-note':
      if (context.fixedById === actor.id)
        return {
          ok: false,
          message:
            'You marked this fixed; another security team member must verify it',
        }
      if (!filled(context.note))
        return {
          ok: false,
          field: 'note',
          message: 'Describe the retest that shows the fix works',
        }
      break
    case 'reason':
      if (!filled(context.note))
        return { ok: false, field: 'note', message: 'Give the reason' }
      break
    case 'approved-acceptance':
      if (!context.acceptance)
        return {
          ok: false,
          message:
            'A risk is accepted only when another security team member approves a request',
        }
      if (context.acceptance.requestedById === actor.id)
        return {
          ok: false,
          message:
            'You requested this risk acceptance; another security team member must approve it',
        }
      break
    case 'nothing':
      break
  }
  return { ok: true, transition }
}

/** The moves `actor` could make from `from`, to decide which forms to show. */
export function availableTransitions(
  from: FindingStatus,
  actor: TransitionActor,
): FindingStatus[] {
  const role = workflowActor(actor.role)
  if (role === null) return []
  return TRANSITIONS.filter(
    (transition) =>
      transition.from.includes(from) && transition.actors.includes(role),
  ).map((transition) => transition.to)
}

export const MAX_ACCEPTANCE_DAYS = 365

export interface RiskAcceptanceRequest {
  justification: string
  compensatingControls: string
  expiresOn: string
}

export type FieldErrors = Partial<Record<string, string>>

/**
 * Checks a risk-acceptance request: justification and compensating
 * controls written, expiry a real day after today and at most a year away.
 */
export function checkRiskAcceptanceRequest(
  status: FindingStatus,
  actor: TransitionActor,
  input: RiskAcceptanceRequest,
  today: IsoDay,
): { ok: true } | { ok: false; message: string; fieldErrors: FieldErrors } {
  if (workflowActor(actor.role) !== 'security')
    return {
      ok: false,
      message: 'Only the security team can accept a risk',
      fieldErrors: {},
    }
  if (!ACTIONABLE_STATUSES.includes(status))
    return {
      ok: false,
      message: `A finding that is ${STATUS_PHRASES[status]} cannot be accepted as a risk`,
      fieldErrors: {},
    }
  const fieldErrors: FieldErrors = {}
  if (!filled(input.justification))
    fieldErrors.justification = 'Explain why the risk is acceptable'
  if (!filled(input.compensatingControls))
    fieldErrors.compensatingControls =
      'Name the controls that reduce the risk meanwhile'
  if (!isIsoDay(input.expiresOn))
    fieldErrors.expiresOn = 'Give the expiry as a date'
  else if (input.expiresOn <= today)
    fieldErrors.expiresOn = 'The expiry must be in the future'
  else if (input.expiresOn > addDays(today, MAX_ACCEPTANCE_DAYS))
    fieldErrors.expiresOn = 'A risk may be accepted for one year at most'
  if (Object.keys(fieldErrors).length > 0)
    return { ok: false, message: 'Some fields need attention', fieldErrors }
  return { ok: true }
}

/**
 * An approved acceptance holds until the start of its expiry day (UTC):
 * from that instant the finding counts as open again.
 */
export function acceptedUntil(expiresOn: IsoDay): string {
  return `${expiresOn}T00:00:00.000Z`
}

/** The permission each target status needs, before the table's finer rules. */
export const STATUS_PERMISSIONS = {
  open: 'reopen:finding',
  in_progress: 'progress:finding',
  fixed: 'fix:finding',
  verified: 'verify:finding',
  reopened: 'reopen:finding',
  risk_accepted: 'accept:risk',
  false_positive: 'verify:finding',
} as const satisfies Record<FindingStatus, Permission>
