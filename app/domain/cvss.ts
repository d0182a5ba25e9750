import * as cvssLibrary from 'ae-cvss-calculator'
import { ratingForScore, type CvssRating } from './cvss-rating'

/**
 * CVSS vectors: strict syntax check, then scoring by ae-cvss-calculator.
 *
 * The library scores whatever it is given and is lenient with malformed
 * vectors, so every vector is validated here first against the metric
 * tables below; only a vector that passes reaches the library. Scores are
 * never typed in by people: they are always computed from the vector.
 */

// The package is CommonJS; in the production bundle its exports arrive under
// `default`, in Vite dev and Vitest they arrive on the namespace itself.
type CalculatorModule = typeof cvssLibrary
const calculator: CalculatorModule =
  (cvssLibrary as unknown as { default?: CalculatorModule }).default ??
  cvssLibrary

export type CvssVersion = '3.1' | '4.0'

interface MetricDefinition {
  name: string
  values: Record<string, string>
}

const CVSS31_BASE: Record<string, MetricDefinition> = {
  AV: {
    name: 'Attack Vector',
    values: { N: 'Network', A: 'Adjacent', L: 'Local', P: 'Physical' },
  },
  AC: { name: 'Attack Complexity', values: { L: 'Low', H: 'High' } },
  PR: {
    name: 'Privileges Required',
    values: { N: 'None', L: 'Low', H: 'High' },
  },
  UI: { name: 'User Interaction', values: { N: 'None', R: 'Required' } },
  S: { name: 'Scope', values: { U: 'Unchanged', C: 'Changed' } },
  C: { name: 'Confidentiality', values: { N: 'None', L: 'Low', H: 'High' } },
  I: { name: 'Integrity', values: { N: 'None', L: 'Low', H: 'High' } },
  A: { name: 'Availability', values: { N: 'None', L: 'Low', H: 'High' } },
}

const CVSS40_BASE: Record<string, MetricDefinition> = {
  AV: {
    name: 'Attack Vector',
    values: { N: 'Network', A: 'Adjacent', L: 'Local', P: 'Physical' },
  },
  AC: { name: 'Attack Complexity', values: { L: 'Low', H: 'High' } },
  AT: { name: 'Attack Requirements', values: { N: 'None', P: 'Present' } },
  PR: {
    name: 'Privileges Required',
    values: { N: 'None', L: 'Low', H: 'High' },
  },
  UI: {
    name: 'User Interaction',
    values: { N: 'None', P: 'Passive', A: 'Active' },
  },
  VC: {
    name: 'Vulnerable System Confidentiality',
    values: { H: 'High', L: 'Low', N: 'None' },
  },
  VI: {
    name: 'Vulnerable System Integrity',
    values: { H: 'High', L: 'Low', N: 'None' },
  },
  VA: {
    name: 'Vulnerable System Availability',
    values: { H: 'High', L: 'Low', N: 'None' },
  },
  SC: {
    name: 'Subsequent System Confidentiality',
    values: { H: 'High', L: 'Low', N: 'None' },
  },
  SI: {
    name: 'Subsequent System Integrity',
    values: { H: 'High', L: 'Low', N: 'None' },
  },
  SA: {
    name: 'Subsequent System Availability',
    values: { H: 'High', L: 'Low', N: 'None' },
  },
}

export interface CvssMetric {
  key: string
  name: string
  value: string
  meaning: string
}

export interface CvssResult {
  vector: string
  version: CvssVersion
  score: number
  rating: CvssRating
  metrics: CvssMetric[]
}

export class CvssVectorError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CvssVectorError'
  }
}

/**
 * Checks a vector's syntax and returns its metrics, or throws a
 * CvssVectorError whose message names the position that is wrong.
 * Only base vectors are accepted: temporal and environmental metrics
 * describe one deployment, not the finding.
 */
export function parseCvssVector(input: string): {
  version: CvssVersion
  metrics: CvssMetric[]
} {
  const vector = input.trim()
  if (vector === '') throw new CvssVectorError('The CVSS vector is empty.')
  const parts = vector.split('/')
  const prefix = parts[0]
  let version: CvssVersion
  if (prefix === 'CVSS:3.1') version = '3.1'
  else if (prefix === 'CVSS:4.0') version = '4.0'
  else
    throw new CvssVectorError(
      `The vector must start with "CVSS:3.1/" or "CVSS:4.0/", not "${prefix}".`,
    )
  const table = version === '3.1' ? CVSS31_BASE : CVSS40_BASE
  const seen = new Map<string, string>()
  for (const [index, part] of parts.slice(1).entries()) {
    const position = index + 1
    const match = /^([A-Z]+):([A-Z])$/.exec(part)
    if (!match)
      throw new CvssVectorError(
        `Part ${position} ("${part}") is not of the form METRIC:VALUE.`,
      )
    const [, key = '', value = ''] = match
    const definition = table[key]
    if (!definition)
      throw new CvssVectorError(
        `Part ${position}: "${key}" is not a CVSS ${version} base metric.`,
      )
    if (seen.has(key))
      throw new CvssVectorError(
        `Part ${position}: the metric ${key} appears twice.`,
      )
    if (!(value in definition.values))
      throw new CvssVectorError(
        `Part ${position}: "${value}" is not a valid value for ${key} (${definition.name}); expected one of ${Object.keys(definition.values).join(', ')}.`,
      )
    seen.set(key, value)
  }
  const missing = Object.keys(table).filter((key) => !seen.has(key))
  if (missing.length > 0)
    throw new CvssVectorError(
      `The vector is missing the base metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
    )
  const metrics = Object.entries(table).map(([key, definition]) => {
    const value = seen.get(key) ?? ''
    return {
      key,
      name: definition.name,
      value,
      meaning: definition.values[value] ?? value,
    }
  })
  return { version, metrics }
}

/** Validates and scores a CVSS 3.1 or 4.0 base vector. */
export function scoreCvssVector(input: string): CvssResult {
  const { version, metrics } = parseCvssVector(input)
  const vector = `CVSS:${version}/${metrics.map((m) => `${m.key}:${m.value}`).join('/')}`
  const scorer =
    version === '3.1'
      ? new calculator.Cvss3P1(vector)
      : new calculator.Cvss4P0(vector)
  const score = scorer.calculateScores().base
  if (typeof score !== 'number' || Number.isNaN(score))
    throw new CvssVectorError(`The vector ${vector} could not be scored.`)
  return { vector, version, score, rating: ratingForScore(score), metrics }
}

/** Like scoreCvssVector, but returns the error message instead of throwing. */
export function tryScoreCvssVector(
  input: string,
): { ok: true; result: CvssResult } | { ok: false; error: string } {
  try {
    return { ok: true, result: scoreCvssVector(input) }
  } catch (error) {
    if (error instanceof CvssVectorError)
      return { ok: false, error: error.message }
    throw error
  }
}
