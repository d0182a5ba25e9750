import { API_SCOPE_DESCRIPTIONS } from '~/domain/api-scopes'
import { FINDING_SORTS } from '~/domain/finding-filters'
import { FINDING_STATUSES } from '~/domain/finding-status'
import { SEVERITIES } from '~/domain/severity'
import {
  assessmentParameter,
  errorResponse,
  standardErrors,
} from './openapi-helpers'
import { workflowAndPlanPaths } from './openapi-paths'
import { reportPaths } from './openapi-report-paths'

/**
 * The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.
 *
 * ADDING AN ENDPOINT: every `app/routes/api.v1.*.tsx` file must have its
 * path under `paths` below (`$param` becomes `{param}`), with `get` when
 * the route exports a loader and a write method (post/put/patch/delete)
 * when it exports an action. tests/unit/openapi.test.ts fails until the
 * route and this document agree, in both directions.
 */
const arrayQuery = (
  name: string,
  values: readonly string[],
  description: string,
) => ({
  name,
  in: 'query',
  description,
  style: 'form',
  explode: true,
  schema: { type: 'array', items: { type: 'string', enum: [...values] } },
})

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Clearance API',
    version: '1',
    description:
      'Read and drive a security assessment. Send a token created on /account/tokens as `Authorization: Bearer <token>`; never in the URL. A token acts as its owner and never reaches more than the owner may.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: `Scopes: ${Object.entries(API_SCOPE_DESCRIPTIONS)
          .map(([scope, text]) => `${scope} (${text})`)
          .join('; ')}.`,
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', examples: ['unauthorized'] },
              message: { type: 'string' },
              details: {
                description:
                  'Per-field problems, when a body or filter is invalid.',
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    field: { type: 'string' },
                    message: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
      AssessmentSummary: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          slug: { type: 'string' },
          name: { type: 'string' },
          targetService: { type: 'string' },
          status: { type: 'string' },
          assessedOn: { type: 'string', format: 'date' },
          remediationStartOn: { type: 'string', format: 'date' },
          targetWeeksMin: { type: 'integer' },
          targetWeeksMax: { type: 'integer' },
          total: { type: 'integer' },
          open: { type: 'integer' },
          openCritical: { type: 'integer' },
          openHigh: { type: 'integer' },
          openBlockers: { type: 'integer' },
        },
      },
      Finding: {
        type: 'object',
        description:
          'A finding as listed; see the findings page for the fields.',
        properties: {
          id: { type: 'integer' },
          reference: { type: 'string' },
          title: { type: 'string' },
          severity: { type: 'string', enum: [...SEVERITIES] },
          status: { type: 'string', enum: [...FINDING_STATUSES] },
          isOpen: { type: 'boolean' },
          isOverdue: { type: 'boolean' },
        },
        additionalProperties: true,
      },
    },
  },
  paths: {
    '/api/v1/openapi.json': {
      get: {
        summary: 'This document',
        description: 'Public: it describes the API and holds no data.',
        security: [],
        responses: { '200': { description: 'The OpenAPI document.' } },
      },
    },
    '/api/v1/assessments': {
      get: {
        summary: 'Assessments the caller may see, with open counts',
        description: 'Scope: assessments:read.',
        responses: {
          '200': {
            description: 'The assessments.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    assessments: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/AssessmentSummary' },
                    },
                  },
                },
              },
            },
          },
          ...standardErrors,
        },
      },
    },
    '/api/v1/assessments/{assessment}/findings': {
      get: {
        summary: "An assessment's findings, filtered, sorted and paged",
        description:
          'Scope: findings:read. The same filters as the findings page.',
        parameters: [
          assessmentParameter,
          arrayQuery('severity', SEVERITIES, 'Only these severities.'),
          arrayQuery(
            'status',
            [...FINDING_STATUSES, 'open_any', 'closed_any'],
            'Only these statuses.',
          ),
          {
            name: 'owasp',
            in: 'query',
            schema: { type: 'string', examples: ['A03', 'API4'] },
          },
          { name: 'blocker', in: 'query', schema: { type: 'boolean' } },
          { name: 'overdue', in: 'query', schema: { type: 'boolean' } },
          {
            name: 'assignee',
            in: 'query',
            description: '`me`, `none` or a user id.',
            schema: { type: 'string' },
          },
          {
            name: 'q',
            in: 'query',
            schema: { type: 'string', maxLength: 200 },
          },
          {
            name: 'sort',
            in: 'query',
            schema: { type: 'string', enum: [...FINDING_SORTS] },
          },
          {
            name: 'dir',
            in: 'query',
            schema: { type: 'string', enum: ['asc', 'desc'] },
          },
          {
            name: 'page',
            in: 'query',
            schema: { type: 'integer', minimum: 1 },
          },
          {
            name: 'pageSize',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 200 },
          },
        ],
        responses: {
          '200': {
            description: 'One page of findings.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    assessment: {
                      type: 'object',
                      properties: {
                        id: { type: 'integer' },
                        slug: { type: 'string' },
                      },
                    },
                    total: { type: 'integer' },
                    page: { type: 'integer' },
                    pageSize: { type: 'integer' },
                    findings: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/Finding' },
                    },
                  },
                },
              },
            },
          },
          '400': errorResponse('A filter is not valid.'),
          '404': errorResponse(
            'No such assessment, or the caller may not see it.',
          ),
          ...standardErrors,
        },
      },
    },
    ...workflowAndPlanPaths,
    ...reportPaths,
  } as Record<string, Record<string, unknown>>,
}
