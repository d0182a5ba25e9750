import { apiJson } from '~/utils/api.server'

/**
 * Anything under /api/ that no endpoint answers: unknown versions and
 * routes get a JSON 404, never the HTML error page.
 */
function notFound(request: Request) {
  const path = new URL(request.url).pathname
  const versioned = path.startsWith('/api/v1/')
  return apiJson(
    {
      error: {
        code: 'not_found',
        message: versioned
          ? `No endpoint at ${path}.`
          : 'Unknown API version; the current version is /api/v1/.',
      },
    },
    { status: 404 },
  )
}

export const loader = ({ request }: { request: Request }) => notFound(request)
export const action = ({ request }: { request: Request }) => notFound(request)
