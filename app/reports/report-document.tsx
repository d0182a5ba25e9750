import { Document, Page, Text, View } from '@react-pdf/renderer'
import type { BurndownPoint } from '~/domain/burndown'
import { summariseFindings, type ReportState } from '~/domain/report-state'
import { SEVERITIES, SEVERITY_LABELS } from '~/domain/severity'
import { BurndownChart } from './burndown-chart'
import { printable as p } from './fonts.server'
import {
  AUDIT_ROWS_PER_PART,
  AcceptancesSection,
  AuditPart,
  ComplianceSection,
  FINDING_ROWS_PER_PART,
  FindingsPart,
  GatesSection,
} from './report-tables'
import { styles } from './styles'

export interface ReportInput {
  state: ReportState
  contentDigest: string
  generatedAt: string
  burndown: BurndownPoint[]
  forecast: string
}

function Footer({ input }: { input: ReportInput }) {
  return (
    <View style={styles.footer} fixed>
      {/* Two lines: the digest is one unbreakable word, and on a portrait
          page it would otherwise run into the page number. */}
      <Text style={{ flexShrink: 1, paddingRight: 12 }}>
        {p(`Generated ${input.generatedAt}\nContent digest SHA-256 `)}
        {input.contentDigest}
      </Text>
      <Text
        style={{ flexShrink: 0 }}
        render={({ pageNumber, totalPages }) =>
          `Page ${pageNumber} of ${totalPages}`
        }
      />
    </View>
  )
}

function Cover({ state }: { state: ReportState }) {
  const { assessment, verdict } = state
  const exceptions = state.signOffs.filter((signOff) => signOff.gateException)
  return (
    <View>
      <Text style={styles.muted}>Clearance sign-off report</Text>
      <Text style={styles.title}>{p(assessment.name)}</Text>
      <Text>{p(`Service: ${assessment.targetService}`)}</Text>
      <Text>
        {p(`Assessor: ${assessment.assessor}, ${assessment.assessedOn}`)}
      </Text>
      <Text style={verdict.ready ? styles.verdictReady : styles.verdictBlocked}>
        {verdict.ready
          ? 'Verdict: ready for production (every gate passes)'
          : `Verdict: not ready (${verdict.failingGates} gate${verdict.failingGates === 1 ? '' : 's'} failing)`}
      </Text>
      {exceptions.map((signOff, index) => (
        <View key={index} style={styles.exception}>
          <Text style={styles.bold}>
            {p(
              `Gate exception recorded by ${signOff.name} (${signOff.role}) on ${signOff.signedAt}`,
            )}
          </Text>
          <Text>{p(signOff.gateException ?? '')}</Text>
        </View>
      ))}
      <Text style={styles.h2}>Sign-off</Text>
      {state.signOffs.length === 0 ? (
        <Text style={styles.muted}>No one has signed this assessment.</Text>
      ) : (
        state.signOffs.map((signOff, index) => (
          <View key={index} style={styles.box}>
            <Text style={styles.bold}>
              {p(
                `${signOff.name}, ${signOff.capacity ?? signOff.role} — signed ${signOff.signedAt}`,
              )}
              {signOff.stale ? ' — STALE: a finding changed since' : ''}
            </Text>
            <Text>{p(`“${signOff.statement}”`)}</Text>
            <Text style={styles.muted}>
              {`Signed state SHA-256 ${signOff.stateDigest}`}
            </Text>
          </View>
        ))
      )}
    </View>
  )
}

function Summary({ input }: { input: ReportInput }) {
  const summary = summariseFindings(input.state.findings)
  const last = input.burndown[input.burndown.length - 1]
  return (
    <View>
      <Text style={styles.h2}>Executive summary</Text>
      {input.state.assessment.summary ? (
        <Text>{p(input.state.assessment.summary)}</Text>
      ) : null}
      <Text style={{ marginTop: 4 }}>
        {`${summary.total} findings, ${summary.open} open, ${summary.total - summary.open} closed.`}
      </Text>
      <View style={styles.headerRow}>
        <Text style={{ width: 100 }}>Severity</Text>
        <Text style={{ width: 60 }}>Findings</Text>
        <Text style={{ width: 60 }}>Open</Text>
      </View>
      {SEVERITIES.map((severity) => (
        <View key={severity} style={styles.row}>
          <Text style={{ width: 100 }}>{SEVERITY_LABELS[severity]}</Text>
          <Text style={{ width: 60 }}>
            {String(summary.bySeverity[severity]?.total ?? 0)}
          </Text>
          <Text style={{ width: 60 }}>
            {String(summary.bySeverity[severity]?.open ?? 0)}
          </Text>
        </View>
      ))}
      <Text style={{ marginTop: 4 }}>{p(`Forecast: ${input.forecast}`)}</Text>
      <Text style={styles.h3}>Burndown: open findings per day</Text>
      <BurndownChart points={input.burndown} />
      {last ? (
        <Text style={styles.muted}>
          {`From ${input.burndown[0]?.open ?? 0} open on ${input.burndown[0]?.day ?? ''} to ${last.open} open on ${last.day}.`}
        </Text>
      ) : null}
    </View>
  )
}

/** The items in runs of `size`; always at least one (maybe empty) run. */
function parts<T>(items: T[], size: number): T[][] {
  const runs: T[][] = []
  for (let start = 0; start < items.length; start += size)
    runs.push(items.slice(start, start + size))
  return runs.length === 0 ? [[]] : runs
}

/** The sign-off report: one document, sections in reading order. */
export function ReportDocument({ input }: { input: ReportInput }) {
  const { state } = input
  return (
    <Document
      title={p(`${state.assessment.name} — sign-off report`)}
      author="Clearance"
      subject={`content-digest:${input.contentDigest}`}
      keywords={`clearance content-digest ${input.contentDigest}`}
    >
      <Page size="A4" style={styles.page}>
        <Cover state={state} />
        <Footer input={input} />
      </Page>
      <Page size="A4" style={styles.page}>
        <Summary input={input} />
        <GatesSection gates={state.gates} />
        <Footer input={input} />
      </Page>
      {parts(state.findings, FINDING_ROWS_PER_PART).map((part, index) => (
        <Page
          key={`findings-${index}`}
          size="A4"
          orientation="landscape"
          style={styles.page}
        >
          <FindingsPart findings={part} first={index === 0} />
          <Footer input={input} />
        </Page>
      ))}
      <Page size="A4" orientation="landscape" style={styles.page}>
        <AcceptancesSection acceptances={state.riskAcceptances} />
        <ComplianceSection rows={state.compliance} />
        <Footer input={input} />
      </Page>
      {parts(state.audit, AUDIT_ROWS_PER_PART).map((part, index) => (
        <Page key={`audit-${index}`} size="A4" style={styles.page}>
          <AuditPart entries={part} first={index === 0} />
          <Footer input={input} />
        </Page>
      ))}
    </Document>
  )
}
