import crypto from 'node:crypto'

/**
 * The state of an assessment as a report shows it, as plain data. Its
 * canonical JSON (keys sorted at every depth, no generation time) hashed
 * with SHA-256 is the "content digest": two exports of an unchanged
 * assessment carry the same digest, and any change to a finding, gate,
 * acceptance, signature or audited action gives a different one.
 */
export interface ReportGate {
  name: string
  type: 'rule' | 'checklist'
  passed: boolean
  reasons: string[]
}

export interface ReportEvidence {
  kind: string
  value: string
  addedBy: string
  addedAt: string
}

export interface ReportFinding {
  reference: string
  title: string
  description: string
  remediation: string
  severity: string
  cvssScore: number | null
  cvssVector: string | null
  scoreSource: string | null
  cweId: number | null
  owaspTop10: string | null
  owaspApiTop10: string | null
  status: string
  /** From isFindingClosed at the time the state was read. */
  closed: boolean
  isBlocker: boolean
  verifiedBy: string | null
  verifiedAt: string | null
  updatedAt: string
  evidence: ReportEvidence[]
}

export interface ReportRiskAcceptance {
  reference: string
  status: string
  justification: string
  compensatingControls: string
  expiresOn: string
  requestedBy: string
  approvedBy: string | null
  decidedAt: string | null
}

export interface ReportSignOff {
  name: string
  role: string
  capacity: string | null
  statement: string
  gateException: string | null
  signedAt: string
  stateDigest: string
  /** A finding changed after the signature. */
  stale: boolean
}

export interface ReportComplianceRow {
  category: string
  name: string
  findings: number
  open: number
}

export interface ReportAuditEntry {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  hash: string
}

export interface ReportState {
  assessment: {
    slug: string
    name: string
    targetService: string
    assessor: string
    assessedOn: string
    status: string
    summary: string
    auditorVerdict: string
  }
  verdict: { ready: boolean; failingGates: number }
  gates: ReportGate[]
  findings: ReportFinding[]
  riskAcceptances: ReportRiskAcceptance[]
  signOffs: ReportSignOff[]
  compliance: ReportComplianceRow[]
  audit: ReportAuditEntry[]
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function sortKeys(value: unknown): Json {
  if (value === null || value === undefined) return null
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value === 'object') {
    const sorted: { [key: string]: Json } = {}
    for (const key of Object.keys(value).sort())
      sorted[key] = sortKeys((value as Record<string, unknown>)[key])
    return sorted
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null
  return value as Json
}

/** JSON with keys in code-point order at every depth; `undefined` → null. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

export function sha256(text: string | Uint8Array): string {
  return crypto.createHash('sha256').update(text).digest('hex')
}

export function contentDigest(state: ReportState): string {
  return sha256(canonicalJson(state))
}

/**
 * What a signer signs: the verdict, every gate and every finding's status.
 * Narrower than the report state so the audit trail (which grows with the
 * signature itself) does not make a signature stale.
 */
export function signedState(state: ReportState) {
  return {
    assessment: state.assessment.slug,
    verdict: state.verdict,
    gates: state.gates,
    findings: state.findings.map((finding) => ({
      reference: finding.reference,
      severity: finding.severity,
      status: finding.status,
    })),
  }
}

export function signedStateDigest(state: ReportState): string {
  return sha256(canonicalJson(signedState(state)))
}

/** Audit actions that read the report; they do not change its content. */
export function isReportReadAction(action: string): boolean {
  return action.startsWith('report.') || action.startsWith('share_link.')
}

export function summariseFindings(findings: ReportFinding[]) {
  const bySeverity: Record<string, { total: number; open: number }> = {}
  let open = 0
  for (const finding of findings) {
    const entry = (bySeverity[finding.severity] ??= { total: 0, open: 0 })
    entry.total += 1
    if (!finding.closed) {
      entry.open += 1
      open += 1
    }
  }
  return { total: findings.length, open, bySeverity }
}
