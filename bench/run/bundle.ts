import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

interface ManifestEntry {
  id?: string
  parentId?: string
  module: string
  imports?: string[]
}

interface RemixManifest {
  entry: ManifestEntry
  routes: Record<string, ManifestEntry>
}

export interface BundleSize {
  routeId: string
  files: number
  rawKb: number
  gzipKb: number
}

/** The browser manifest Remix writes next to the assets (window.__remixManifest). */
function readManifest(buildDir: string): RemixManifest & { file: string } {
  const assets = path.join(buildDir, 'client/assets')
  const file = fs
    .readdirSync(assets)
    .find((name) => /^manifest-.*\.js$/.test(name))
  if (!file) throw new Error(`No Remix manifest in ${assets}: build first`)
  const text = fs.readFileSync(path.join(assets, file), 'utf8')
  const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)
  return { ...(JSON.parse(json) as RemixManifest), file: `/assets/${file}` }
}

/**
 * The JS a first visit to a route downloads: the client entry, then the
 * route and each of its parents up to root, each with its static imports.
 * Sizes are gzip (node:zlib, default level) summed over distinct files.
 */
export function measureRouteBundle(
  buildDir: string,
  pickRoute: (ids: string[]) => string | undefined,
): BundleSize {
  const manifest = readManifest(buildDir)
  const routeId = pickRoute(Object.keys(manifest.routes))
  if (!routeId) throw new Error('No such route in the manifest')
  // The manifest script itself is loaded by every page too.
  const modules = new Set<string>([manifest.file])
  const add = (entry: ManifestEntry) => {
    modules.add(entry.module)
    for (const imported of entry.imports ?? []) modules.add(imported)
  }
  add(manifest.entry)
  for (let id: string | undefined = routeId; id;) {
    const route: ManifestEntry | undefined = manifest.routes[id]
    if (!route) break
    add(route)
    id = route.parentId
  }
  let raw = 0
  let gzip = 0
  for (const module of modules) {
    const content = fs.readFileSync(path.join(buildDir, 'client', module))
    raw += content.length
    gzip += zlib.gzipSync(content).length
  }
  return {
    routeId,
    files: modules.size,
    rawKb: raw / 1024,
    gzipKb: gzip / 1024,
  }
}

/** The executive dashboard once it exists, the findings list until then. */
export function pickExecutiveRoute(ids: string[]): string | undefined {
  return (
    ids.find((id) => /^routes\/assessments\.\$slug\.dashboard/.test(id)) ??
    ids.find((id) => id === 'routes/assessments.$slug.findings._index')
  )
}
