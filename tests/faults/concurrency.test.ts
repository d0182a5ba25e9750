import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import {
  hasWorkflowApi,
  postStatus,
  readFinding,
  type Target,
} from './api-client'
import {
  prepareDatabase,
  startServer,
  tempDir,
  type RunningServer,
} from './harness'

/**
 * Lost updates: many clients change the same finding at once, all sending
 * the version they read. Exactly one may win; the others must be told of
 * the conflict (409), never a 500 or "database is locked". Two server
 * processes share the file, as the server and the CLI do, so SQLite's own
 * locking is exercised as well as the version check.
 */
const CLIENTS = 24
const servers: RunningServer[] = []

afterAll(async () => {
  for (const server of servers) await server.stop('SIGKILL')
})

describe('Concurrency', () => {
  test('Of many simultaneous changes at one version exactly one wins and the rest get 409', async (context) => {
    const databasePath = path.join(tempDir('race'), 'clearance.db')
    const prepared = await prepareDatabase(databasePath)
    servers.push(
      await startServer(databasePath),
      await startServer(databasePath),
    )
    const targets: Target[] = servers.map((server) => ({
      base: server.base,
      token: prepared.security.token,
      slug: prepared.slug,
    }))
    const [first] = targets
    if (!first || !(await hasWorkflowApi(first)))
      return context.skip(
        'The status-change endpoint has not landed on this branch yet',
      )

    for (const reference of ['P2-003', 'P2-004', 'P2-005']) {
      const before = await readFinding(first, reference)
      const answers = await Promise.all(
        Array.from({ length: CLIENTS }, (_, client) =>
          postStatus(
            targets[client % targets.length] ?? first,
            reference,
            'in_progress',
            before.version,
            `client ${client} races`,
          ).then(async (answer) => ({
            status: answer.status,
            body: await answer.text(),
          })),
        ),
      )
      const statuses = answers.map((answer) => answer.status)
      report(`race on ${reference}: ${JSON.stringify(countBy(statuses))}`)
      if (statuses.some((status) => status >= 500))
        process.stderr.write(
          servers.map((server) => server.output()).join('\n'),
        )
      expect(
        statuses.filter((status) => status >= 200 && status < 300),
      ).toHaveLength(1)
      expect(statuses.filter((status) => status === 409)).toHaveLength(
        CLIENTS - 1,
      )
      for (const answer of answers)
        expect(answer.body).not.toMatch(/database is locked|SQLITE_BUSY/i)

      const after = await readFinding(first, reference)
      expect(after).toEqual({
        status: 'in_progress',
        version: before.version + 1,
      })
    }
  })
})

function countBy(values: number[]) {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

/** Numbers for docs/security.md, printed with the test output. */
function report(line: string) {
  process.stdout.write(`${line}\n`)
}
