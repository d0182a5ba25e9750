import { describe, expect, it } from 'vitest'
import {
  evaluateGate,
  evaluateReadiness,
  type GateDefinition,
  type GateFinding,
  type GateTask,
} from '~/domain/gates'

const now = new Date('2026-12-10T12:00:00Z')

function finding(overrides: Partial<GateFinding>): GateFinding {
  return {
    id: 1,
    reference: 'F-1',
    title: 'A finding',
    severity: 'high',
    status: 'open',
    isBlocker: false,
    riskAcceptedUntil: null,
    ...overrides,
  }
}

function gate(overrides: Partial<GateDefinition>): GateDefinition {
  return {
    id: 1,
    name: 'Gate',
    description: '',
    type: 'rule',
    ruleKind: 'no_open_blockers',
    params: {},
    enabled: true,
    checkedBy: null,
    checkedAt: null,
    checkNote: null,
    ...overrides,
  }
}

function task(overrides: Partial<GateTask>): GateTask {
  return {
    id: 1,
    title: 'A task',
    phaseId: 2,
    status: 'todo',
    dueOn: '2026-12-09',
    isOngoing: false,
    ...overrides,
  }
}

describe('No open finding at or above a severity', () => {
  const critical = gate({
    ruleKind: 'no_open_at_or_above',
    params: { severity: 'critical' },
  })
  const high = gate({
    ruleKind: 'no_open_at_or_above',
    params: { severity: 'high' },
  })

  it('fails on an open critical and names it', () => {
    const result = evaluateGate(
      critical,
      [finding({ severity: 'critical', reference: 'P2-001' })],
      [],
      now,
    )
    expect(result.passed).toBe(false)
    expect(result.reasons).toEqual([
      {
        kind: 'finding',
        id: 1,
        reference: 'P2-001',
        title: 'A finding',
        detail: 'critical finding is open',
      },
    ])
  })

  it('counts fixed as open until verified', () => {
    expect(
      evaluateGate(
        critical,
        [finding({ severity: 'critical', status: 'fixed' })],
        [],
        now,
      ).passed,
    ).toBe(false)
    expect(
      evaluateGate(
        critical,
        [finding({ severity: 'critical', status: 'verified' })],
        [],
        now,
      ).passed,
    ).toBe(true)
  })

  it('ignores lower severities and includes higher ones', () => {
    expect(
      evaluateGate(critical, [finding({ severity: 'high' })], [], now).passed,
    ).toBe(true)
    expect(
      evaluateGate(high, [finding({ severity: 'critical' })], [], now).passed,
    ).toBe(false)
  })
})

describe('No open production blocker', () => {
  const blockers = gate({ ruleKind: 'no_open_blockers' })
  it('fails while a blocker is open, passes once it is a false positive', () => {
    expect(
      evaluateGate(
        blockers,
        [finding({ isBlocker: true, status: 'in_progress' })],
        [],
        now,
      ).passed,
    ).toBe(false)
    expect(
      evaluateGate(
        blockers,
        [finding({ isBlocker: true, status: 'false_positive' })],
        [],
        now,
      ).passed,
    ).toBe(true)
    expect(
      evaluateGate(blockers, [finding({ isBlocker: false })], [], now).passed,
    ).toBe(true)
  })
})

describe('Every high finding verified or risk-accepted', () => {
  const rule = gate({
    ruleKind: 'severity_resolved',
    params: { severity: 'high' },
  })

  it('passes with an unexpired risk acceptance', () => {
    const accepted = finding({
      status: 'risk_accepted',
      riskAcceptedUntil: '2026-12-11T00:00:00Z',
    })
    expect(evaluateGate(rule, [accepted], [], now).passed).toBe(true)
  })

  it('fails at the exact moment of expiry and after it', () => {
    const atExpiry = finding({
      status: 'risk_accepted',
      riskAcceptedUntil: now.toISOString(),
    })
    const past = finding({
      status: 'risk_accepted',
      riskAcceptedUntil: '2026-12-01T00:00:00Z',
    })
    expect(evaluateGate(rule, [atExpiry], [], now).passed).toBe(false)
    const result = evaluateGate(rule, [past], [], now)
    expect(result.passed).toBe(false)
    expect(result.reasons[0]).toMatchObject({
      detail: 'high finding is risk acceptance expired',
    })
  })

  it('honours a narrower status set: only verified counts', () => {
    const strict = gate({
      ruleKind: 'severity_resolved',
      params: { severity: 'high', statuses: ['verified'] },
    })
    expect(
      evaluateGate(strict, [finding({ status: 'false_positive' })], [], now)
        .passed,
    ).toBe(false)
    expect(
      evaluateGate(strict, [finding({ status: 'verified' })], [], now).passed,
    ).toBe(true)
  })
})

describe('Every fixed finding retested', () => {
  const rule = gate({ ruleKind: 'fixed_verified' })
  it('fails while a finding waits in fixed', () => {
    expect(
      evaluateGate(
        rule,
        [finding({ status: 'fixed', severity: 'low' })],
        [],
        now,
      ).reasons,
    ).toHaveLength(1)
    expect(
      evaluateGate(rule, [finding({ status: 'verified' })], [], now).passed,
    ).toBe(true)
  })
})

describe('No overdue task in a phase', () => {
  const rule = gate({ ruleKind: 'no_overdue_tasks', params: { phaseId: 2 } })
  it('fails on an overdue task of the phase, not on done, ongoing, other-phase or not-yet-due tasks', () => {
    expect(evaluateGate(rule, [], [task({})], now).passed).toBe(false)
    expect(evaluateGate(rule, [], [task({ status: 'done' })], now).passed).toBe(
      true,
    )
    expect(
      evaluateGate(rule, [], [task({ isOngoing: true })], now).passed,
    ).toBe(true)
    expect(evaluateGate(rule, [], [task({ phaseId: 3 })], now).passed).toBe(
      true,
    )
    expect(
      evaluateGate(rule, [], [task({ dueOn: '2026-12-10' })], now).passed,
    ).toBe(true)
  })
})

describe('No overdue task, across the plan and with progress from findings', () => {
  const anyPhase = gate({ ruleKind: 'no_overdue_tasks', params: {} })
  it('without a phase, counts overdue tasks of every phase', () => {
    const result = evaluateGate(
      anyPhase,
      [],
      [task({ id: 1, phaseId: 2 }), task({ id: 2, phaseId: 3 })],
      now,
    )
    expect(result.reasons.map((reason) => reason.kind)).toEqual([
      'task',
      'task',
    ])
  })

  it('does not hold a task whose linked findings are all closed, but does hold one with an open finding', () => {
    const closed = task({ linkedFindings: 2, openLinkedFindings: 0 })
    const open = task({ linkedFindings: 2, openLinkedFindings: 1 })
    expect(evaluateGate(anyPhase, [], [closed], now).passed).toBe(true)
    expect(evaluateGate(anyPhase, [], [open], now).passed).toBe(false)
  })

  it('does not count a task with no due day as overdue', () => {
    expect(
      evaluateGate(anyPhase, [], [task({ dueOn: null })], now).passed,
    ).toBe(true)
  })
})

describe('Rule gates with an unusual configuration', () => {
  it('defaults the threshold to critical when no severity is stored', () => {
    const bare = gate({ ruleKind: 'no_open_at_or_above', params: {} })
    expect(
      evaluateGate(bare, [finding({ severity: 'high' })], [], now).passed,
    ).toBe(true)
    expect(
      evaluateGate(bare, [finding({ severity: 'critical' })], [], now).passed,
    ).toBe(false)
  })

  it('fails a rule gate that has lost its rule kind, with a reason', () => {
    const broken = evaluateGate(gate({ ruleKind: null }), [], [], now)
    expect(broken.passed).toBe(false)
    expect(broken.reasons).toHaveLength(1)
  })

  it('counts a false positive as closed for blockers', () => {
    const blockers = gate({ ruleKind: 'no_open_blockers' })
    expect(
      evaluateGate(
        blockers,
        [finding({ isBlocker: true, status: 'false_positive' })],
        [],
        now,
      ).passed,
    ).toBe(true)
  })
})

describe('Checklist gates and the verdict', () => {
  it('a checklist gate passes once ticked', () => {
    const unchecked = gate({ type: 'checklist', ruleKind: null })
    expect(evaluateGate(unchecked, [], [], now).passed).toBe(false)
    expect(
      evaluateGate(
        { ...unchecked, checkedAt: '2026-12-09T10:00:00Z', checkedBy: 'Sam' },
        [],
        [],
        now,
      ).passed,
    ).toBe(true)
  })

  it('is ready only when every enabled gate passes; disabled gates do not count', () => {
    const gates = [
      gate({ id: 1, ruleKind: 'no_open_blockers' }),
      gate({ id: 2, ruleKind: 'fixed_verified', enabled: false }),
    ]
    const findings = [finding({ status: 'fixed', isBlocker: false })]
    const readiness = evaluateReadiness(gates, findings, [], now)
    expect(readiness.ready).toBe(true)
    expect(readiness.gates.find((result) => result.id === 2)?.passed).toBe(
      false,
    )

    const blocked = evaluateReadiness(
      gates,
      [finding({ isBlocker: true })],
      [],
      now,
    )
    expect(blocked.ready).toBe(false)
    expect(blocked.failing.map((result) => result.id)).toEqual([1])
  })
})
