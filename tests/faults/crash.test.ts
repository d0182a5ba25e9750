import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { hashToken } from '~/utils/secrets.server'
import { verifyAuditChain } from '~/models/audit.server'
import {
  hasWorkflowApi,
  NEXT_STATUS,
  postComment,
  postLogin,
  postStatus,
  readFinding,
  type Target,
} from './api-client'
import {
  inspectDatabase,
  prepareDatabase,
  sleep,
  startServer,
  tempDir,
  type RunningServer,
} from './harness'

/**
 * Crash safety: a client keeps writing while the server is killed with
 * SIGKILL at random moments and restarted. Every write the server
 * acknowledged must be there afterwards, whole, with the audit chain intact.
 */
const ROUNDS = 5
const folder = tempDir('crash')
const databasePath = path.join(folder, 'clearance.db')
let server: RunningServer | undefined

afterAll(async () => server?.stop('SIGKILL'))

interface Acknowledged {
  comments: string[]
  statuses: { status: string; version: number }[]
  sessions: string[]
}

/** Writes until `stopAt`, recording only what the server acknowledged. */
async function writeUntil(
  target: Target,
  workflow: boolean,
  credentials: { email: string; password: string },
  acknowledged: Acknowledged,
  stopAt: number,
  round: number,
) {
  let counter = 0
  let current: { status: string; version: number } | undefined
  while (Date.now() < stopAt) {
    counter += 1
    try {
      if (workflow && !current) current = await readFinding(target, 'P2-002')
      if (!workflow) {
        const answer = await postLogin(
          target.base,
          credentials.email,
          credentials.password,
        )
        const cookie = answer.headers.get('set-cookie') ?? ''
        const token = /=([^;]+)/.exec(cookie)?.[1]
        if (answer.status === 302 && token) acknowledged.sessions.push(token)
        continue
      }
      const body = `crash round ${round} comment ${counter}`
      const comment = await postComment(target, 'P2-001', body)
      if (comment.ok) acknowledged.comments.push(body)
      if (!current) continue
      const next = NEXT_STATUS[current.status] ?? 'in_progress'
      const answer = await postStatus(target, 'P2-002', next, current.version)
      if (answer.ok) {
        current = { status: next, version: current.version + 1 }
        acknowledged.statuses.push(current)
      } else if (answer.status === 409) {
        current = await readFinding(target, 'P2-002')
      }
    } catch {
      // The server died under this request: not acknowledged, not counted.
      return
    }
  }
}

describe('Crash safety', () => {
  test('Every acknowledged write survives SIGKILL at random moments', async () => {
    const prepared = await prepareDatabase(databasePath)
    const acknowledged: Acknowledged = {
      comments: [],
      statuses: [],
      sessions: [],
    }
    let workflow = false

    for (let round = 1; round <= ROUNDS; round += 1) {
      server = await startServer(databasePath)
      const target = {
        base: server.base,
        token: prepared.security.token,
        slug: prepared.slug,
      }
      if (round === 1) workflow = await hasWorkflowApi(target)
      const killAfter = 300 + Math.floor(Math.random() * 900)
      const writing = writeUntil(
        target,
        workflow,
        prepared.security,
        acknowledged,
        Date.now() + killAfter + 2000,
        round,
      )
      await sleep(killAfter)
      await server.stop('SIGKILL')
      await writing
    }

    const total =
      acknowledged.comments.length +
      acknowledged.statuses.length +
      acknowledged.sessions.length
    expect(total).toBeGreaterThan(ROUNDS)
    report(
      `crash: ${ROUNDS} SIGKILLs; acknowledged ${acknowledged.comments.length} comments, ${acknowledged.statuses.length} status changes, ${acknowledged.sessions.length} sign-ins (workflow API: ${workflow})`,
    )

    const { sqlite, integrity } = inspectDatabase(databasePath)
    try {
      expect(integrity).toBe('ok')
      const chain = verifyAuditChain(drizzle(sqlite))
      expect(chain).toMatchObject({ intact: true })

      if (!workflow) {
        const stored = sqlite
          .prepare('SELECT token_hash FROM sessions')
          .pluck()
          .all()
        for (const token of acknowledged.sessions)
          expect(stored).toContain(hashToken(token))
        return
      }

      const bodies = sqlite
        .prepare('SELECT body FROM comments')
        .pluck()
        .all() as string[]
      for (const body of acknowledged.comments)
        expect(bodies.filter((stored) => stored === body)).toHaveLength(1)

      const finding = sqlite
        .prepare(
          "SELECT id, status, version FROM findings WHERE reference = 'P2-002'",
        )
        .get() as { id: number; status: string; version: number }
      const last = acknowledged.statuses.at(-1)
      if (last) expect(finding.version).toBeGreaterThanOrEqual(last.version)
      // Nothing half-written: the finding's status is the one its newest
      // status event moved it to, and each status event has its audit entry.
      const events = sqlite
        .prepare(
          "SELECT to_status FROM finding_events WHERE finding_id = ? AND kind = 'status' ORDER BY id",
        )
        .pluck()
        .all(finding.id) as string[]
      expect(events.length).toBeGreaterThanOrEqual(acknowledged.statuses.length)
      if (events.length > 0) expect(finding.status).toBe(events.at(-1))
      const audited = sqlite
        .prepare(
          "SELECT count(*) FROM audit_log WHERE entity_type = 'finding' AND entity_id = ? AND action LIKE '%status%'",
        )
        .pluck()
        .get(String(finding.id)) as number
      expect(audited).toBe(events.length)
    } finally {
      sqlite.close()
    }
  }, 180_000)
})

/** Numbers for docs/security.md, printed with the test output. */
function report(line: string) {
  process.stdout.write(`${line}\n`)
}
