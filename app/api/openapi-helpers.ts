/** Building blocks shared by the OpenAPI path descriptions. */
export const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Error' } },
  },
})

/** The answers every authenticated endpoint may give besides success. */
export const standardErrors = {
  '401': errorResponse('Missing, unknown, expired or revoked token.'),
  '403': errorResponse(
    'The token lacks the scope, or its owner the permission.',
  ),
  '429': errorResponse('Too many requests for this token; see Retry-After.'),
}

export const assessmentParameter = {
  name: 'assessment',
  in: 'path',
  required: true,
  description: 'The assessment slug or numeric id.',
  schema: { type: 'string' },
}
