import { openApiDocument } from '~/api/openapi'
import { apiJson } from '~/utils/api.server'

/**
 * GET /api/v1/openapi.json: the API description. Served without a token:
 * it holds no data, and a client needs it before it has one. See
 * docs/decisions/011-openapi-document.md.
 */
export function loader() {
  return apiJson(openApiDocument)
}
