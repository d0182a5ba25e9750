import { Text, View } from '@react-pdf/renderer'
import {
  FINDING_STATUS_LABELS,
  type FindingStatus,
} from '~/domain/finding-status'
import type {
  ReportAuditEntry,
  ReportComplianceRow,
  ReportFinding,
  ReportGate,
  ReportRiskAcceptance,
} from '~/domain/report-state'
import { printable as p } from './fonts.server'
import { styles } from './styles'

function statusLabel(status: string) {
  return FINDING_STATUS_LABELS[status as FindingStatus] ?? status
}

/** Fewer reasons than fill a sheet, even when some take two lines. */
const GATE_REASONS_KEPT_TOGETHER = 25

export function GatesSection({ gates }: { gates: ReportGate[] }) {
  return (
    <View>
      <Text style={styles.h2}>Gates</Text>
      {gates.length === 0 ? (
        <Text style={styles.muted}>No gates are enabled.</Text>
      ) : null}
      {gates.map((gate, index) => (
        // A box is kept on one sheet only while it surely fits: react-pdf
        // leaves out an unbreakable box taller than a page altogether, and
        // a failing gate can list hundreds of findings.
        <View
          key={index}
          style={styles.box}
          wrap={gate.reasons.length > GATE_REASONS_KEPT_TOGETHER}
        >
          <Text style={styles.bold} minPresenceAhead={24}>
            {p(`${gate.passed ? 'PASS' : 'FAIL'} — ${gate.name}`)}
          </Text>
          {gate.reasons.map((reason, reasonIndex) => (
            <Text key={reasonIndex}>{p(`• ${reason}`)}</Text>
          ))}
        </View>
      ))}
    </View>
  )
}

const findingColumns = [
  ['Ref', 48],
  ['Title', 170],
  ['Severity', 50],
  ['CVSS', 130],
  ['OWASP', 60],
  ['Status', 70],
  ['Evidence', 130],
  ['Verified', 100],
] as const

/**
 * One part of the findings table. The caller splits the findings into
 * parts of at most `FINDING_ROWS_PER_PART`, each in its own <Page>: react-pdf
 * lays out the whole rest of a <Page> again for every sheet it breaks off,
 * so one <Page> of 2,000 rows costs pages x rows, while parts of a few
 * sheets each keep the cost in step with the number of findings.
 */
export function FindingsPart({
  findings,
  first,
}: {
  findings: ReportFinding[]
  first: boolean
}) {
  return (
    <View>
      {first ? <Text style={styles.h2}>Findings</Text> : null}
      {first && findings.length === 0 ? (
        <Text style={styles.muted}>This assessment has no findings.</Text>
      ) : null}
      <View style={styles.headerRow} fixed>
        {findingColumns.map(([label, width]) => (
          <Text key={label} style={[styles.cell, { width }]}>
            {label}
          </Text>
        ))}
      </View>
      {findings.map((finding) => (
        <FindingRow key={finding.reference} finding={finding} />
      ))}
    </View>
  )
}

export const FINDING_ROWS_PER_PART = 40

/**
 * Evidence characters a row keeps on one sheet: about twenty lines of the
 * narrow evidence column. A finding may carry any number of evidence
 * links, and react-pdf leaves out an unbreakable row taller than a page,
 * so a longer row is allowed to break.
 */
const EVIDENCE_CHARACTERS_KEPT_TOGETHER = 700

function FindingRow({ finding }: { finding: ReportFinding }) {
  const evidenceLength = finding.evidence.reduce(
    (total, item) => total + item.kind.length + item.value.length + 3,
    0,
  )
  return (
    <View
      style={styles.row}
      wrap={evidenceLength > EVIDENCE_CHARACTERS_KEPT_TOGETHER}
    >
      <Text style={[styles.cell, { width: 48 }]}>{p(finding.reference)}</Text>
      <Text style={[styles.cell, { width: 170 }]}>{p(finding.title)}</Text>
      <Text style={[styles.cell, { width: 50 }]}>{finding.severity}</Text>
      <Text style={[styles.cell, { width: 130, fontSize: 7 }]}>
        {finding.cvssScore === null
          ? '—'
          : `${finding.cvssScore.toFixed(1)}${finding.scoreSource === 'imported' ? ' (imported)' : ''} ${finding.cvssVector ?? ''}`}
      </Text>
      <Text style={[styles.cell, { width: 60 }]}>
        {[finding.owaspTop10, finding.owaspApiTop10]
          .filter(Boolean)
          .join(' ') || '—'}
      </Text>
      <Text style={[styles.cell, { width: 70 }]}>
        {statusLabel(finding.status)}
      </Text>
      <Text style={[styles.cell, { width: 130, fontSize: 7 }]}>
        {finding.evidence.length === 0
          ? '—'
          : p(
              finding.evidence
                .map((item) => `${item.kind}: ${item.value}`)
                .join('\n'),
            )}
      </Text>
      <Text style={[styles.cell, { width: 100, fontSize: 7 }]}>
        {finding.verifiedBy
          ? p(`${finding.verifiedBy}, ${finding.verifiedAt ?? ''}`)
          : '—'}
      </Text>
    </View>
  )
}

/** About a third of a sheet of running text. */
const ACCEPTANCE_CHARACTERS_KEPT_TOGETHER = 1500

export function AcceptancesSection({
  acceptances,
}: {
  acceptances: ReportRiskAcceptance[]
}) {
  return (
    <View>
      <Text style={styles.h2}>Risk acceptances</Text>
      {acceptances.length === 0 ? (
        <Text style={styles.muted}>No risk has been accepted.</Text>
      ) : null}
      {acceptances.map((acceptance, index) => (
        // As with gates: kept on one sheet only while it surely fits (the
        // two texts may hold 5,000 characters each).
        <View
          key={index}
          style={styles.box}
          wrap={
            acceptance.justification.length +
              acceptance.compensatingControls.length >
            ACCEPTANCE_CHARACTERS_KEPT_TOGETHER
          }
        >
          <Text style={styles.bold} minPresenceAhead={24}>
            {p(
              `${acceptance.reference} — ${acceptance.status}, expires ${acceptance.expiresOn}`,
            )}
          </Text>
          <Text>{p(`Justification: ${acceptance.justification}`)}</Text>
          <Text>
            {p(`Compensating controls: ${acceptance.compensatingControls}`)}
          </Text>
          <Text style={styles.muted}>
            {p(
              `Requested by ${acceptance.requestedBy}; approved by ${acceptance.approvedBy ?? '—'} ${acceptance.decidedAt ?? ''}`,
            )}
          </Text>
        </View>
      ))}
    </View>
  )
}

export function ComplianceSection({ rows }: { rows: ReportComplianceRow[] }) {
  return (
    <View wrap={false}>
      <Text style={styles.h2}>OWASP compliance</Text>
      <View style={styles.headerRow}>
        <Text style={{ width: 300 }}>Category</Text>
        <Text style={{ width: 60 }}>Findings</Text>
        <Text style={{ width: 60 }}>Open</Text>
      </View>
      {rows.length === 0 ? (
        <Text style={styles.muted}>No finding is mapped to OWASP.</Text>
      ) : null}
      {rows.map((row) => (
        <View key={row.category} style={styles.row}>
          <Text style={{ width: 300 }}>{`${row.category} ${row.name}`}</Text>
          <Text style={{ width: 60 }}>{String(row.findings)}</Text>
          <Text style={{ width: 60 }}>{String(row.open)}</Text>
        </View>
      ))}
    </View>
  )
}

/** Audit rows per <Page>: one line each, so several sheets per part. */
export const AUDIT_ROWS_PER_PART = 70

const AUDIT_HEADER =
  'Id     At (UTC)                  Action                        Entity               Actor'

/** One audit entry as a line of fixed-width columns (the actor last: its length is the user's). */
function auditLine(entry: ReportAuditEntry): string {
  return [
    String(entry.id).padEnd(6),
    entry.at.padEnd(25),
    entry.action.padEnd(29),
    entry.entity.padEnd(20),
    entry.actor,
  ].join(' ')
}

/**
 * One part of the audit appendix, split like the findings table. Each
 * entry is one line of a monospaced text block rather than a row of five
 * boxes: the appendix can hold thousands of entries, and a line of text
 * costs react-pdf a fraction of a row's layout.
 */
export function AuditPart({
  entries,
  first,
}: {
  entries: ReportAuditEntry[]
  first: boolean
}) {
  return (
    <View>
      {first ? <Text style={styles.h2}>Appendix: audit trail</Text> : null}
      {first && entries.length === 0 ? (
        <Text style={styles.muted}>No audited change yet.</Text>
      ) : (
        <>
          <Text style={[styles.mono, styles.bold]} fixed>
            {AUDIT_HEADER}
          </Text>
          <Text style={styles.mono}>
            {p(entries.map(auditLine).join('\n'), 'mono')}
          </Text>
        </>
      )}
    </View>
  )
}
