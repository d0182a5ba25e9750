import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'
import { hasWorkflowApi, isAcknowledged, writeOnce } from './api-client'
import {
  inspectDatabase,
  prepareDatabase,
  startServer,
  tempDir,
  type RunningServer,
} from './harness'

/**
 * Backups taken while Clearance serves and a client keeps writing: each
 * must finish, be owner-only and pass integrity_check, and the documented
 * restore (stop, put the copy in place, start) must bring the data back.
 */
const run = promisify(execFile)
const root = path.resolve(import.meta.dirname, '../..')
let server: RunningServer | undefined

afterAll(async () => server?.stop('SIGKILL'))

function backup(databasePath: string, out: string) {
  return run(
    path.join(root, 'node_modules/.bin/tsx'),
    ['scripts/backup.ts', '--out', out],
    {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath },
      timeout: 60_000,
    },
  )
}

describe('Backups', () => {
  test('A backup taken under a stream of writes is whole, owner-only, and restores', async () => {
    const folder = tempDir('backup')
    const databasePath = path.join(folder, 'clearance.db')
    const prepared = await prepareDatabase(databasePath)
    server = await startServer(databasePath)
    const target = {
      base: server.base,
      token: prepared.security.token,
      slug: prepared.slug,
    }
    const workflow = await hasWorkflowApi(target)

    let writing = true
    let acknowledged = 0
    const writer = (async () => {
      while (writing) {
        const answer = await writeOnce(
          target,
          workflow,
          prepared.security,
          `backup ${acknowledged}`,
        )
        if (isAcknowledged(answer)) acknowledged += 1
      }
    })()

    const copies: string[] = []
    let acknowledgedBeforeLast = 0
    for (let index = 1; index <= 3; index += 1) {
      await new Promise((resolve) => setTimeout(resolve, 400))
      const out = path.join(folder, 'backups', `copy-${index}.db`)
      acknowledgedBeforeLast = acknowledged
      const { stdout } = await backup(databasePath, out)
      const report = JSON.parse(stdout.trim())
      expect(report).toMatchObject({ integrity: 'ok', mode: '600' })
      expect(fs.statSync(out).mode & 0o777).toBe(0o600)
      copies.push(out)
    }
    writing = false
    await writer
    expect(acknowledged).toBeGreaterThan(3)
    await expect(backup(databasePath, copies[0] ?? '')).rejects.toThrow(
      /exists/,
    )

    // Restore: stop the server, put the newest copy in place, start again.
    await server.stop('SIGTERM')
    const restoredPath = path.join(tempDir('restore'), 'clearance.db')
    fs.copyFileSync(copies.at(-1) ?? '', restoredPath)
    const { sqlite, integrity } = inspectDatabase(restoredPath)
    const rows = sqlite
      .prepare('SELECT count(*) FROM findings')
      .pluck()
      .get() as number
    // Every write acknowledged before the last backup began is in it.
    const written = sqlite
      .prepare(
        workflow
          ? 'SELECT count(*) FROM comments'
          : 'SELECT count(*) FROM sessions',
      )
      .pluck()
      .get() as number
    expect(written).toBeGreaterThanOrEqual(acknowledgedBeforeLast)
    sqlite.close()
    expect(integrity).toBe('ok')
    expect(rows).toBeGreaterThan(0)

    server = await startServer(restoredPath)
    const answer = await fetch(
      `${server.base}/api/v1/assessments/${prepared.slug}/findings`,
      {
        headers: { Authorization: `Bearer ${prepared.security.token}` },
      },
    )
    expect(answer.status).toBe(200)
    expect((await answer.json()).total).toBeGreaterThan(0)
    report(
      `backup: 3 copies under ${acknowledged} concurrent acknowledged writes; restore served the findings`,
    )
  })
})

/** Numbers for docs/security.md, printed with the test output. */
function report(line: string) {
  process.stdout.write(`${line}\n`)
}
