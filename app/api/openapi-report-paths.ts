import { IMPORT_FORMATS } from '~/domain/import/types'
import {
  assessmentParameter,
  errorResponse,
  standardErrors,
} from './openapi-helpers'

/**
 * Paths of the sign-off report, its exports and imports. See the note in
 * openapi.ts on adding an endpoint.
 */
const download = (summary: string, mediaType: string) => ({
  get: {
    summary,
    description:
      'Scope: reports:read. Sent as an attachment; the SHA-256 of the bytes is recorded so /verify can vouch for the file later.',
    parameters: [assessmentParameter],
    responses: {
      '200': { description: 'The file.', content: { [mediaType]: {} } },
      '404': errorResponse('No such assessment, or the caller may not see it.'),
      ...standardErrors,
    },
  },
})

export const reportPaths: Record<string, Record<string, unknown>> = {
  '/api/v1/assessments/{assessment}/report.pdf': download(
    'The sign-off report as PDF',
    'application/pdf',
  ),
  '/api/v1/assessments/{assessment}/report.csv': download(
    'The findings as CSV (RFC 4180, spreadsheet-safe)',
    'text/csv',
  ),
  '/api/v1/assessments/{assessment}/report.json': download(
    'The whole assessment as JSON (format clearance.assessment, version 1)',
    'application/json',
  ),
  '/api/v1/assessments/{assessment}/sign-off': {
    get: {
      summary: 'Who must sign, who has, and whether signatures are current',
      description: 'Scope: reports:read.',
      parameters: [assessmentParameter],
      responses: {
        '200': {
          description: 'The sign-off state.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '404': errorResponse(
          'No such assessment, or the caller may not see it.',
        ),
        ...standardErrors,
      },
    },
  },
  '/api/v1/assessments/{assessment}/import': {
    post: {
      summary: 'Import findings from SARIF 2.1.0, CSV or Clearance JSON',
      description:
        'Scope: reports:write, and the owner needs import:findings. With `dryRun` the answer is the preview (created, updated, skipped, row errors) and nothing is written; otherwise the import is applied in one transaction, or not at all.',
      parameters: [assessmentParameter],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['format', 'content'],
              properties: {
                format: { type: 'string', enum: [...IMPORT_FORMATS] },
                content: { type: 'string', description: 'The file text.' },
                dryRun: { type: 'boolean', default: false },
              },
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The preview, or the applied result.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '404': errorResponse(
          'No such assessment, or the caller may not see it.',
        ),
        '413': errorResponse('The body is larger than allowed.'),
        '415': errorResponse('The body is not application/json.'),
        '422': errorResponse('The file is malformed or has row errors.'),
        ...standardErrors,
      },
    },
  },
}
