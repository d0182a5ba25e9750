import type { ReportState } from '~/domain/report-state'

export const ASSESSMENT_JSON_FORMAT = 'clearance.assessment'
export const ASSESSMENT_JSON_VERSION = 1

/** The documented JSON export (docs/report-formats.md), version 1. */
export interface AssessmentJson extends ReportState {
  format: typeof ASSESSMENT_JSON_FORMAT
  version: typeof ASSESSMENT_JSON_VERSION
  generatedAt: string
  contentDigest: string
}

export function assessmentToJson(
  state: ReportState,
  contentDigest: string,
  generatedAt: string,
): string {
  const document: AssessmentJson = {
    format: ASSESSMENT_JSON_FORMAT,
    version: ASSESSMENT_JSON_VERSION,
    generatedAt,
    contentDigest,
    ...state,
  }
  return `${JSON.stringify(document, null, 2)}\n`
}
