import path from 'node:path'
import autocannon from 'autocannon'
import { hasWorkflowApi } from '../tests/faults/api-client'
import { prepareDatabase, startServer, tempDir } from '../tests/faults/harness'

/**
 * `npm run test:load`: the production build on loopback under mixed reads
 * and writes from several roles at once, for a fixed time. Rate limits are
 * raised through the environment. Fails on any error, 5xx or unexpected
 * 4xx; prints latency percentiles for docs/security.md.
 */
const SECONDS = Number(process.env.LOAD_SECONDS ?? 20)

const databasePath = path.join(tempDir('load'), 'clearance.db')
const prepared = await prepareDatabase(databasePath)
const server = await startServer(databasePath)
const target = {
  base: server.base,
  token: prepared.security.token,
  slug: prepared.slug,
}
const workflow = await hasWorkflowApi(target)
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
const cookie = (session: string) => ({
  Cookie: `${prepared.cookieName}=${session}`,
})
const findings = `/api/v1/assessments/${prepared.slug}/findings`

type Request = autocannon.Request
const lanes: { name: string; connections: number; requests: Request[] }[] = [
  {
    name: 'security: pages and API reads',
    connections: 4,
    requests: [
      {
        method: 'GET',
        path: `/assessments/${prepared.slug}/findings`,
        headers: cookie(prepared.security.session),
      },
      {
        method: 'GET',
        path: `${findings}?severity=critical&sort=cvss`,
        headers: bearer(prepared.security.token),
      },
      {
        method: 'GET',
        path: `/assessments/${prepared.slug}/findings/P2-001`,
        headers: cookie(prepared.security.session),
      },
    ],
  },
  {
    name: 'engineer: pages and API reads',
    connections: 4,
    requests: [
      {
        method: 'GET',
        path: `/assessments/${prepared.slug}`,
        headers: cookie(prepared.engineer.session),
      },
      {
        method: 'GET',
        path: `${findings}?q=token&page=1`,
        headers: bearer(prepared.engineer.token),
      },
      {
        method: 'GET',
        path: '/api/v1/assessments',
        headers: bearer(prepared.engineer.token),
      },
    ],
  },
  workflow
    ? {
        name: 'engineer: comments (writes)',
        connections: 2,
        requests: [
          {
            method: 'POST',
            path: `${findings}/P2-003/comments`,
            headers: {
              ...bearer(prepared.engineer.token),
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({
              body: 'Load test comment: still working on it.',
            }),
          },
        ],
      }
    : {
        name: 'sign-ins (writes: a session row each)',
        connections: 1,
        requests: [
          {
            method: 'POST',
            path: '/login',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              email: prepared.engineer.email,
              password: prepared.engineer.password,
              redirectTo: '/',
            }).toString(),
          },
        ],
      },
]

function run(lane: (typeof lanes)[number]): Promise<autocannon.Result> {
  return autocannon({
    url: server.base,
    connections: lane.connections,
    duration: SECONDS,
    requests: lane.requests,
  })
}

const results = await Promise.all(lanes.map(run))
await server.stop('SIGTERM')

let failures = 0
const rows = results.map((result, index) => {
  const codes = result.statusCodeStats as
    Record<string, { count: number }> | undefined
  const unexpected = Object.entries(codes ?? {}).filter(
    ([code]) => !/^(2|3)/.test(code),
  )
  const bad =
    result.errors +
    result.timeouts +
    unexpected.reduce((sum, [, stat]) => sum + stat.count, 0)
  failures += bad
  return `| ${lanes[index]?.name} | ${result.requests.total} | ${result.requests.average} | ${result.latency.p50} | ${result.latency.p90} | ${result.latency.p99} | ${result.latency.max} | ${bad}${unexpected.length ? ` (${unexpected.map(([code, stat]) => `${code}×${stat.count}`).join(', ')})` : ''} |`
})
process.stdout.write(
  [
    `\nLoad: ${SECONDS} s on loopback, ${lanes.reduce((sum, lane) => sum + lane.connections, 0)} connections, production build (workflow API: ${workflow})`,
    '',
    '| lane | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    failures === 0 ? 'No errors.' : `${failures} failed requests.`,
    '',
  ].join('\n'),
)
process.exit(failures === 0 ? 0 : 1)
