import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '~/api/openapi'

const routesDir = path.resolve('app/routes')
const WRITE_METHODS = ['post', 'put', 'patch', 'delete']

/**
 * A Remix flat-route file name to its URL path in OpenAPI form:
 * `api.v1.assessments.$assessment.findings._index.tsx` is
 * `/api/v1/assessments/{assessment}/findings`, `[.]` is a literal dot.
 */
export function routeFileToPath(file: string): string {
  // An escaped dot is held as %2E while the name is split on dots.
  const name = file.replace(/\.tsx?$/, '').replaceAll('[.]', '%2E')
  const segments = name
    .split('.')
    .filter((segment) => segment !== '_index' && !segment.startsWith('_'))
    .map((segment) => segment.replace(/_$/, '').replaceAll('%2E', '.'))
    .map((segment) =>
      segment.startsWith('$') ? `{${segment.slice(1)}}` : segment,
    )
  return `/${segments.join('/')}`
}

const apiRoutes = fs
  .readdirSync(routesDir)
  .filter((file) => file.startsWith('api.v1.') && /\.tsx?$/.test(file))
  .map((file) => ({
    file,
    path: routeFileToPath(file),
    source: fs.readFileSync(path.join(routesDir, file), 'utf8'),
  }))

describe('The OpenAPI document matches the API routes', () => {
  it('turns route file names into paths', () => {
    expect(
      routeFileToPath('api.v1.assessments.$assessment.findings._index.tsx'),
    ).toBe('/api/v1/assessments/{assessment}/findings')
    expect(routeFileToPath('api.v1.openapi[.]json.tsx')).toBe(
      '/api/v1/openapi.json',
    )
  })

  it('finds the API routes to compare', () => {
    expect(apiRoutes.length).toBeGreaterThanOrEqual(3)
  })

  it.each(apiRoutes)('documents $file', ({ path: routePath, source }) => {
    const entry = openApiDocument.paths[routePath]
    expect(entry, `add '${routePath}' to app/api/openapi.ts`).toBeDefined()
    if (/export (async )?(function|const) loader\b/.test(source))
      expect(entry, `document GET ${routePath}`).toHaveProperty('get')
    if (/export (async )?(function|const) action\b/.test(source))
      expect(
        WRITE_METHODS.some((method) => entry && method in entry),
        `document the write methods of ${routePath}`,
      ).toBe(true)
  })

  it('documents no path that has no route', () => {
    const routed = new Set(apiRoutes.map((route) => route.path))
    const orphans = Object.keys(openApiDocument.paths).filter(
      (documented) => !routed.has(documented),
    )
    expect(orphans).toEqual([])
  })

  it('is OpenAPI 3.1 with a bearer scheme and an error schema', () => {
    expect(openApiDocument.openapi).toBe('3.1.0')
    expect(openApiDocument.components.securitySchemes.bearer.scheme).toBe(
      'bearer',
    )
    expect(openApiDocument.components.schemas.Error.required).toEqual(['error'])
  })
})
