import type { GateParams } from '#db/schema/gates'

/**
 * The rule gates every assessment starts with, whether seeded or created
 * by an import: without them a new assessment full of open findings would
 * read "every gate passes" and could be signed without an exception. The
 * security team may disable or add gates afterwards.
 */
export interface StandardRuleGate {
  name: string
  description: string
  ruleKind:
    | 'no_open_at_or_above'
    | 'no_open_blockers'
    | 'severity_resolved'
    | 'fixed_verified'
    | 'no_overdue_tasks'
  params: GateParams
}

export const STANDARD_RULE_GATES: readonly StandardRuleGate[] = [
  {
    name: 'No open critical finding',
    description: 'Every critical finding is closed.',
    ruleKind: 'no_open_at_or_above',
    params: { severity: 'critical' },
  },
  {
    name: 'No open production blocker',
    description: 'Every finding flagged as a production blocker is closed.',
    ruleKind: 'no_open_blockers',
    params: {},
  },
  {
    name: 'Every high finding verified or risk-accepted',
    description:
      'High findings are verified, or accepted as a risk whose acceptance has not expired.',
    ruleKind: 'severity_resolved',
    params: {
      severity: 'high',
      statuses: ['verified', 'risk_accepted', 'false_positive'],
    },
  },
  {
    name: 'Every fixed finding retested',
    description: 'No finding waits in "fixed" without verification.',
    ruleKind: 'fixed_verified',
    params: {},
  },
]
