import crypto from 'node:crypto'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type ErrorRequestHandler } from 'express'
import { rateLimit } from 'express-rate-limit'
import { getConfig } from '~/config.server'
import { issueSetupToken } from '~/models/setup.server'
import { logger, logSecurityEvent } from '~/utils/logger.server'
import { getConnection, migrateDatabase } from '#db/client.server'
import { seedIfEmpty } from '#db/seed/seed.server'
import { bodyLimit } from './body-limit'
import { coalesceFlushes } from './coalesce-flushes'
import { formBodiesOnly } from './form-only'
import { checkStorageWritable } from './health'
import { refuseCrossSiteWrites } from './same-origin'
import { securityHeaders } from './security-headers'

/**
 * The HTTP server: boot checks, migrations and seed, then headers, limits
 * and the Remix app. Everything security-wide that does not need a user
 * lives here; everything that does lives in the routes.
 */
const config = getConfig()
const development = config.NODE_ENV === 'development'
const secure = config.PUBLIC_ORIGIN?.startsWith('https://') ?? false

const { db } = getConnection()
migrateDatabase(db)
if (seedIfEmpty(db))
  logger.info({ event: 'seeded' }, 'Seeded the Phase 2 assessment')

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', config.TRUST_PROXY ? 1 : false)

app.use((request, response, next) => {
  response.locals.requestId = crypto.randomUUID()
  response.setHeader('X-Request-Id', response.locals.requestId)
  next()
})

app.use(securityHeaders({ development, secure }))

// TRACE and methods Clearance never answers are refused outright.
const allowedMethods = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
])
app.use((request, response, next) => {
  if (!allowedMethods.has(request.method)) {
    response.status(405).json({
      error: { code: 'method_not_allowed', message: 'Method not allowed.' },
    })
    return
  }
  next()
})

// Cross-origin API calls only from an allow-list an admin configured.
app.use('/api/', (request, response, next) => {
  const origin = request.headers.origin
  if (origin && config.CORS_ALLOWED_ORIGINS.includes(origin)) {
    response.setHeader('Access-Control-Allow-Origin', origin)
    response.setHeader(
      'Access-Control-Allow-Headers',
      'Authorization, Content-Type',
    )
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH')
    response.setHeader('Vary', 'Origin')
  }
  if (request.method === 'OPTIONS') {
    response.status(204).end()
    return
  }
  next()
})

// Bodies larger than this are refused before Remix reads them, whether
// they declare their length or arrive chunked. Imports and evidence
// uploads get a larger allowance of their own.
const MAX_BODY_BYTES = 1_000_000
const MAX_UPLOAD_BYTES = 20_000_000
app.use(
  bodyLimit((requestPath) =>
    /\/(import|evidence)(\/|$)/.test(requestPath)
      ? MAX_UPLOAD_BYTES
      : MAX_BODY_BYTES,
  ),
)

app.use(refuseCrossSiteWrites(config.PUBLIC_ORIGIN))

// Pages accept forms only (see form-only.ts for why, and for chunked bodies).
app.use(formBodiesOnly())

// A per-address ceiling on the API; per-token limits live in the API layer.
app.use(
  '/api/',
  rateLimit({
    windowMs: 60_000,
    limit: config.API_LIMIT_PER_MINUTE * 4,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (request, response, _next, options) => {
      logSecurityEvent('api_rate_limited', 'denied', {
        requestId: response.locals.requestId as string,
        clientIp: request.ip,
        route: request.path,
      })
      response.status(options.statusCode).json({
        error: {
          code: 'rate_limited',
          message: 'Too many requests; try again later.',
        },
      })
    },
  }),
)

app.get('/healthz', (_request, response) => {
  response.setHeader('Cache-Control', 'no-store')
  response.json({ status: 'ok' })
})
app.get('/readyz', (_request, response) => {
  response.setHeader('Cache-Control', 'no-store')
  const storage = checkStorageWritable(db)
  response
    .status(storage.ok ? 200 : 503)
    .json({ status: storage.ok ? 'ok' : 'unavailable', storage })
})

// Level 3 (zlib's fastest strategy, best ratio of the three levels using
// it) instead of the default 6: on a 96 kB findings page it takes 0.2 ms
// instead of 0.6 ms for 15% more bytes. See docs/decisions/070-request-overhead.md.
app.use(compression({ level: 3 }))
app.use(coalesceFlushes)

async function remixBuild() {
  if (development) {
    const vite = await import('vite')
    const viteServer = await vite.createServer({
      server: { middlewareMode: true },
    })
    app.use(viteServer.middlewares)
    return () =>
      viteServer.ssrLoadModule(
        'virtual:remix/server-build',
      ) as Promise<ServerBuild>
  }
  const buildDir = path.resolve('build')
  app.use(
    '/assets',
    express.static(path.join(buildDir, 'client/assets'), {
      immutable: true,
      maxAge: '1y',
      index: false,
    }),
  )
  app.use(
    express.static(path.join(buildDir, 'client'), {
      maxAge: '1h',
      index: false,
      dotfiles: 'deny',
    }),
  )
  const build = (await import(
    path.join(buildDir, 'server/index.js')
  )) as ServerBuild
  return build
}

const build = await remixBuild()
app.all(
  '*',
  createRequestHandler({
    build,
    mode: development ? 'development' : 'production',
    getLoadContext: (request, response) => ({
      cspNonce: response.locals.cspNonce as string,
      requestId: response.locals.requestId as string,
      clientIp: request.ip ?? request.socket.remoteAddress ?? 'unknown',
    }),
  }),
)

// Last resort: log, answer generically, keep serving.
const onError: ErrorRequestHandler = (error, request, response, _next) => {
  // A body cut off at the limit already got its 413; the failed read that
  // follows is expected.
  if (response.locals.bodyRefused) return
  logger.error(
    { err: error, requestId: response.locals.requestId, route: request.path },
    'Unhandled error',
  )
  if (response.headersSent) return
  response.status(500).json({
    error: { code: 'internal_error', message: 'Something went wrong.' },
  })
}
app.use(onError)
process.on('unhandledRejection', (reason) =>
  logger.error({ err: reason }, 'Unhandled rejection'),
)

const server = app.listen(config.PORT, config.HOST, () => {
  const origin = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`
  logger.info(
    { event: 'listening', origin },
    `Clearance is listening on ${origin}`,
  )
  const setupToken = issueSetupToken(db)
  if (setupToken) {
    const base = config.PUBLIC_ORIGIN ?? origin
    // Printed to the console only: it is the one way to create the first admin.
    process.stdout.write(
      `\nNo user exists yet. Create the first admin here (valid 24 hours, once):\n  ${base}/setup?token=${setupToken}\n\n`,
    )
  }
})
server.headersTimeout = 30_000
server.requestTimeout = 60_000

for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => {
    server.close(() => {
      getConnection().sqlite.close()
      process.exit(0)
    })
  })
