import { describe, expect, test } from 'vitest'
import type { Role } from '#db/schema/accounts'
import { ROLES } from '#db/schema/accounts'
import { FINDING_STATUSES, type FindingStatus } from '~/domain/finding-status'
import {
  availableTransitions,
  checkRiskAcceptanceRequest,
  checkTransition,
} from '~/domain/finding-workflow'

// The workflow as the brief states it, written out by hand so the test
// does not merely restate the table it checks. "security" includes admin.
const ALLOWED: Record<string, 'any' | 'security'> = {
  'open>in_progress': 'any',
  'reopened>in_progress': 'any',
  'open>fixed': 'any',
  'in_progress>fixed': 'any',
  'reopened>fixed': 'any',
  'fixed>verified': 'security',
  'fixed>reopened': 'security',
  'verified>reopened': 'security',
  'risk_accepted>reopened': 'security',
  'false_positive>reopened': 'security',
  'open>risk_accepted': 'security',
  'in_progress>risk_accepted': 'security',
  'fixed>risk_accepted': 'security',
  'reopened>risk_accepted': 'security',
  'open>false_positive': 'security',
  'in_progress>false_positive': 'security',
  'fixed>false_positive': 'security',
  'reopened>false_positive': 'security',
}

function expectedAllowed(from: FindingStatus, to: FindingStatus, role: Role) {
  const rule = ALLOWED[`${from}>${to}`]
  if (!rule || role === 'viewer') return false
  return rule === 'any' || role === 'security' || role === 'admin'
}

// Everything each transition could need, supplied by someone else where
// the two-person rule applies, so only the table and the role decide.
const fullContext = {
  fixedById: 999,
  note: 'Retested: the endpoint now answers 401 without a token.',
  evidence: { pullRequest: 'https://git.example.test/pr/42' },
  acceptance: { requestedById: 998 },
}

const combinations = FINDING_STATUSES.flatMap((from) =>
  FINDING_STATUSES.flatMap((to) =>
    ROLES.map((role) => ({
      from,
      to,
      role,
      allowed: expectedAllowed(from, to, role),
    })),
  ),
)

describe('The transition table', () => {
  test.each(combinations)(
    '$from → $to by $role is allowed: $allowed',
    ({ from, to, role, allowed }) => {
      const result = checkTransition(from, to, { id: 1, role }, fullContext)
      expect(result.ok).toBe(allowed)
      if (!result.ok) expect(result.message.length).toBeGreaterThan(10)
    },
  )

  test.each(combinations)(
    'the forms offered for $from by $role match the table ($from → $to)',
    ({ from, to, role, allowed }) => {
      expect(availableTransitions(from, { id: 1, role }).includes(to)).toBe(
        allowed,
      )
    },
  )
})

describe('Refusals say why', () => {
  const engineer = { id: 1, role: 'engineer' as const }
  const security = { id: 2, role: 'security' as const }

  test('An engineer cannot verify a fix', () => {
    expect(checkTransition('fixed', 'verified', engineer, fullContext)).toEqual(
      {
        ok: false,
        message: 'Only the security team can verify a fix',
      },
    )
  })

  test('The person who marked a finding fixed cannot verify it', () => {
    expect(
      checkTransition('fixed', 'verified', security, {
        fixedById: security.id,
        note: 'Looks fine',
      }),
    ).toEqual({
      ok: false,
      message:
        'You marked this fixed; another security team member must verify it',
    })
  })

  test('A verified finding cannot move to in progress', () => {
    expect(checkTransition('verified', 'in_progress', security)).toEqual({
      ok: false,
      message: 'A finding that is verified cannot move to in progress',
    })
  })

  test('Marking fixed needs at least one piece of evidence', () => {
    const bare = checkTransition('in_progress', 'fixed', engineer, {
      evidence: { commit: '  ', note: '' },
    })
    expect(bare).toMatchObject({ ok: false, field: 'evidence' })
    for (const evidence of [
      { commit: 'a1b2c3d' },
      { pullRequest: 'https://git.example.test/pr/1' },
      { release: 'v1.4.2' },
      { note: 'Config change deployed by hand' },
    ])
      expect(
        checkTransition('in_progress', 'fixed', engineer, { evidence }).ok,
      ).toBe(true)
  })

  test('Verifying needs a retest note, reopening and dismissing a reason', () => {
    expect(
      checkTransition('fixed', 'verified', security, { fixedById: 1 }),
    ).toMatchObject({ ok: false, field: 'note' })
    expect(checkTransition('verified', 'reopened', security)).toMatchObject({
      ok: false,
      field: 'note',
    })
    expect(checkTransition('open', 'false_positive', security)).toMatchObject({
      ok: false,
      field: 'note',
    })
  })

  test('A risk is accepted only with another security user approving', () => {
    expect(checkTransition('open', 'risk_accepted', security).ok).toBe(false)
    expect(
      checkTransition('open', 'risk_accepted', security, {
        acceptance: { requestedById: security.id },
      }),
    ).toEqual({
      ok: false,
      message:
        'You requested this risk acceptance; another security team member must approve it',
    })
  })
})

describe('Risk acceptance requests', () => {
  const security = { id: 2, role: 'security' as const }
  const good = {
    justification: 'Internal only until the gateway lands',
    compensatingControls: 'IP allow-list at the load balancer',
    expiresOn: '2027-03-01',
  }

  test('A complete request within a year is accepted', () => {
    expect(
      checkRiskAcceptanceRequest('open', security, good, '2026-12-03').ok,
    ).toBe(true)
  })

  test('An expiry today, in the past or over a year away is refused', () => {
    for (const expiresOn of ['2026-12-03', '2026-11-01', '2027-12-04', 'soon'])
      expect(
        checkRiskAcceptanceRequest(
          'open',
          security,
          { ...good, expiresOn },
          '2026-12-03',
        ),
      ).toMatchObject({
        ok: false,
        fieldErrors: { expiresOn: expect.any(String) },
      })
    expect(
      checkRiskAcceptanceRequest(
        'open',
        security,
        { ...good, expiresOn: '2027-12-03' },
        '2026-12-03',
      ).ok,
    ).toBe(true)
  })

  test('Justification and compensating controls are required', () => {
    expect(
      checkRiskAcceptanceRequest(
        'open',
        security,
        { ...good, justification: ' ', compensatingControls: '' },
        '2026-12-03',
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: {
        justification: expect.any(String),
        compensatingControls: expect.any(String),
      },
    })
  })

  test('Engineers cannot request it and verified findings cannot be accepted', () => {
    expect(
      checkRiskAcceptanceRequest(
        'open',
        { id: 1, role: 'engineer' },
        good,
        '2026-12-03',
      ).ok,
    ).toBe(false)
    expect(
      checkRiskAcceptanceRequest('verified', security, good, '2026-12-03').ok,
    ).toBe(false)
  })
})
