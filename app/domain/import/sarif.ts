import { sha256 } from '../report-state'
import { severityForScore, type Severity } from '../severity'
import {
  MAX_IMPORT_RESULTS,
  refuse,
  type ImportedFinding,
  type ImportRowError,
  type ParsedImport,
} from './types'

/**
 * SARIF 2.1.0 as CodeQL, Semgrep and Trivy write it. Each result becomes a
 * finding. Severity comes from the rule's `security-severity` score when
 * there is one (a score without a vector, stored as `imported`), otherwise
 * from the result's level. The fingerprint is the tool's own
 * `partialFingerprints` when present, else a hash of rule, place and message.
 */
type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : null

const LEVEL_SEVERITY: Record<string, Severity> = {
  error: 'high',
  warning: 'medium',
  note: 'low',
  none: 'info',
}

interface Rule {
  name: string | null
  description: string | null
  help: string | null
  score: number | null
  cweId: number | null
}

function readRules(driver: Json): Map<string, Rule> {
  const rules = new Map<string, Rule>()
  const list = Array.isArray(driver.rules) ? driver.rules : []
  for (const rule of list) {
    if (!isObject(rule) || typeof rule.id !== 'string') continue
    const properties = isObject(rule.properties) ? rule.properties : {}
    const rawScore = properties['security-severity']
    const score =
      typeof rawScore === 'string' || typeof rawScore === 'number'
        ? Number(rawScore)
        : NaN
    const tags = Array.isArray(properties.tags) ? properties.tags : []
    const cweTag = tags
      .map((tag) => /(?:^|\/)cwe-(\d+)/i.exec(String(tag))?.[1])
      .find(Boolean)
    const shortDescription = isObject(rule.shortDescription)
      ? text(rule.shortDescription.text)
      : null
    const fullDescription = isObject(rule.fullDescription)
      ? text(rule.fullDescription.text)
      : null
    rules.set(rule.id, {
      name: shortDescription ?? text(rule.name),
      description: fullDescription,
      help: isObject(rule.help) ? text(rule.help.text) : null,
      score: Number.isFinite(score) && score >= 0 && score <= 10 ? score : null,
      cweId: cweTag ? Number(cweTag) : null,
    })
  }
  return rules
}

function location(result: Json): string | null {
  const first = Array.isArray(result.locations) ? result.locations[0] : null
  if (!isObject(first) || !isObject(first.physicalLocation)) return null
  const physical = first.physicalLocation
  const uri = isObject(physical.artifactLocation)
    ? text(physical.artifactLocation.uri)
    : null
  const line = isObject(physical.region) ? physical.region.startLine : null
  if (!uri) return null
  return typeof line === 'number' ? `${uri}:${line}` : uri
}

function fingerprintOf(
  result: Json,
  ruleId: string,
  where: string,
  message: string,
) {
  const partial = isObject(result.partialFingerprints)
    ? Object.keys(result.partialFingerprints)
        .sort()
        .map(
          (key) =>
            `${key}=${String((result.partialFingerprints as Json)[key])}`,
        )
        .join('|')
    : ''
  return sha256(
    partial ? `${ruleId}|${partial}` : `${ruleId}|${where}|${message}`,
  )
}

export function parseSarif(content: string): ParsedImport {
  let log: unknown
  try {
    log = JSON.parse(content)
  } catch {
    return refuse('The file is not JSON, so it cannot be SARIF.')
  }
  if (!isObject(log)) return refuse('A SARIF file is a JSON object.')
  if (log.version !== '2.1.0')
    return refuse(
      `Only SARIF 2.1.0 is read; this file says version ${JSON.stringify(log.version ?? null)}.`,
    )
  if (!Array.isArray(log.runs))
    return refuse('The SARIF file has no "runs" array.')
  const total = log.runs.reduce(
    (sum: number, run) =>
      sum +
      (isObject(run) && Array.isArray(run.results) ? run.results.length : 0),
    0,
  )
  if (total > MAX_IMPORT_RESULTS)
    return refuse(
      `The file has ${total} results; one import takes at most ${MAX_IMPORT_RESULTS}.`,
    )
  const findings: ImportedFinding[] = []
  const errors: ImportRowError[] = []
  log.runs.forEach((run, runIndex) => {
    if (!isObject(run) || !isObject(run.tool) || !isObject(run.tool.driver)) {
      errors.push({
        row: `runs[${runIndex}]`,
        field: 'tool.driver',
        expected: 'an object naming the tool',
      })
      return
    }
    const driver = run.tool.driver
    const toolName = text(driver.name) ?? 'SARIF'
    const rules = readRules(driver)
    const results = Array.isArray(run.results) ? run.results : []
    results.forEach((result, index) => {
      const row = `runs[${runIndex}].results[${index}]`
      if (!isObject(result)) {
        errors.push({ row, field: '(result)', expected: 'an object' })
        return
      }
      const ruleId =
        text(result.ruleId) ??
        (isObject(result.rule) ? text(result.rule.id) : null)
      const message = isObject(result.message)
        ? text(result.message.text)
        : null
      if (!ruleId) {
        errors.push({
          row,
          field: 'ruleId',
          expected: 'the id of the rule that fired',
        })
        return
      }
      if (!message) {
        errors.push({
          row,
          field: 'message.text',
          expected: 'a text describing the result',
        })
        return
      }
      const rule = rules.get(ruleId)
      const where = location(result) ?? ''
      const level = text(result.level) ?? 'warning'
      const severity: Severity =
        rule?.score !== null && rule?.score !== undefined
          ? severityForScore(rule.score)
          : (LEVEL_SEVERITY[level] ?? 'medium')
      const fingerprint = fingerprintOf(result, ruleId, where, message)
      findings.push({
        matchKey: `fingerprint:${fingerprint}`,
        reference: `${
          toolName
            .replace(/[^A-Za-z0-9]/g, '')
            .slice(0, 8)
            .toUpperCase() || 'SARIF'
        }-${fingerprint.slice(0, 8)}`,
        fingerprint,
        title: `${rule?.name ?? ruleId}${where ? ` in ${where}` : ''}`.slice(
          0,
          300,
        ),
        severity,
        severityReason:
          rule?.score !== null && rule?.score !== undefined
            ? `security-severity ${rule.score.toFixed(1)} → ${severity}`
            : `level ${level} → ${severity}`,
        cvssVector: null,
        cvssVersion: null,
        cvssScore: rule?.score ?? null,
        scoreSource:
          rule?.score !== null && rule?.score !== undefined ? 'imported' : null,
        cweId: rule?.cweId ?? null,
        owaspTop10: null,
        owaspApiTop10: null,
        description: [message, rule?.description].filter(Boolean).join('\n\n'),
        remediation: rule?.help ?? '',
        affected: where ? [where] : [],
        source: `sarif:${toolName}`,
      })
    })
  })
  return { ok: true, findings, errors }
}
