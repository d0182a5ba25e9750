import { FINDING_STATUSES } from '~/domain/finding-status'
import {
  assessmentParameter,
  errorResponse,
  standardErrors,
} from './openapi-helpers'

/**
 * Paths of the finding workflow, the plan and the readiness gate. Kept
 * apart from openapi.ts so each file stays readable; see the note there on
 * adding an endpoint.
 */
const findingParameter = {
  name: 'finding',
  in: 'path',
  required: true,
  description: 'The finding reference (P2-001) or numeric id.',
  schema: { type: 'string' },
}

const json = (description: string, schema: Record<string, unknown>) => ({
  description,
  content: { 'application/json': { schema } },
})

const notFound = errorResponse(
  'No such assessment or finding, or the caller may not see it.',
)

export const workflowAndPlanPaths: Record<string, Record<string, unknown>> = {
  '/api/v1/assessments/{assessment}/findings/{finding}': {
    get: {
      summary: 'One finding with its history and evidence',
      description: 'Scope: findings:read.',
      parameters: [assessmentParameter, findingParameter],
      responses: {
        '200': json('The finding.', {
          type: 'object',
          additionalProperties: true,
        }),
        '404': notFound,
        ...standardErrors,
      },
    },
  },
  '/api/v1/assessments/{assessment}/findings/{finding}/status': {
    post: {
      summary: "Change a finding's status",
      description:
        'Scope: findings:write, and the owner must hold the permission for the transition (engineers cannot verify; the person who marked a fix cannot verify it). `version` is the version the change is based on. Risk acceptance is requested and approved on the finding page (it needs a second security user).',
      parameters: [assessmentParameter, findingParameter],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['status', 'version'],
              properties: {
                status: { type: 'string', enum: [...FINDING_STATUSES] },
                version: { type: 'integer', minimum: 1 },
                note: { type: 'string', maxLength: 5000 },
                evidence: {
                  type: 'object',
                  properties: {
                    commit: { type: 'string' },
                    pullRequest: { type: 'string', format: 'uri' },
                    release: { type: 'string' },
                    note: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
      responses: {
        '200': json('The new status and version.', {
          type: 'object',
          properties: {
            finding: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                reference: { type: 'string' },
                status: { type: 'string' },
                version: { type: 'integer' },
              },
            },
          },
        }),
        '404': notFound,
        '409': errorResponse(
          'The finding changed since `version`; details name who changed it.',
        ),
        '415': errorResponse('The body is not application/json.'),
        '422': errorResponse('Invalid body, or the transition is refused.'),
        ...standardErrors,
      },
    },
  },
  '/api/v1/assessments/{assessment}/findings/{finding}/comments': {
    post: {
      summary: 'Comment on a finding (Markdown)',
      description: 'Scope: findings:write.',
      parameters: [assessmentParameter, findingParameter],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['body'],
              properties: { body: { type: 'string', maxLength: 20000 } },
            },
          },
        },
      },
      responses: {
        '201': json('The comment was saved.', { type: 'object' }),
        '404': notFound,
        '422': errorResponse('The body is not valid.'),
        ...standardErrors,
      },
    },
  },
  '/api/v1/assessments/{assessment}/plan': {
    get: {
      summary: 'The remediation plan: phases with dates, tasks, findings',
      description: 'Scope: plan:read.',
      parameters: [assessmentParameter],
      responses: {
        '200': json('The plan.', {
          type: 'object',
          additionalProperties: true,
        }),
        '404': notFound,
        ...standardErrors,
      },
    },
  },
  '/api/v1/assessments/{assessment}/readiness': {
    get: {
      summary: 'May this service ship? The gates and the sign-off state',
      description:
        'Scope: readiness:read. `ready` is true only when every enabled gate passes; `signedOff` is answered separately.',
      parameters: [assessmentParameter],
      responses: {
        '200': json('The readiness answer.', {
          type: 'object',
          required: ['ready', 'gates', 'evaluatedAt', 'signedOff'],
          properties: {
            assessment: { type: 'object' },
            ready: { type: 'boolean' },
            evaluatedAt: { type: 'string', format: 'date-time' },
            signedOff: { type: 'boolean' },
            failing: { type: 'array', items: { type: 'string' } },
            gates: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'name', 'passed', 'reasons'],
                properties: {
                  id: { type: 'integer' },
                  name: { type: 'string' },
                  type: { type: 'string', enum: ['rule', 'checklist'] },
                  enabled: { type: 'boolean' },
                  passed: { type: 'boolean' },
                  reasons: { type: 'array', items: { type: 'object' } },
                },
              },
            },
          },
        }),
        '404': notFound,
        ...standardErrors,
      },
    },
  },
}
