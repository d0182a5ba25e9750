import fs from 'node:fs'
import path from 'node:path'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { verifyAuditChain } from '~/models/audit.server'
import {
  hasWorkflowApi,
  isAcknowledged,
  writeOnce,
  type Target,
} from './api-client'
import {
  inspectDatabase,
  prepareDatabase,
  startServer,
  tempDir,
  type RunningServer,
} from './harness'
import {
  canMountPrivately,
  fillDisk,
  openTinyDisk,
  type TinyDisk,
} from './mount-namespace'

/**
 * Storage faults: the database on a 6 MB tmpfs in a private mount
 * namespace, filled up, then remounted read-only. Writes must fail with a
 * clear error while the process keeps serving reads, /readyz must say
 * unavailable, the file must stay sound, and all must recover when space
 * or write access returns.
 */
let disk: TinyDisk | undefined
let server: RunningServer | undefined

afterAll(async () => {
  await server?.stop('SIGKILL')
  disk?.close()
})

async function expectClearFailure(answer: Response) {
  expect([500, 503]).toContain(answer.status)
  const text = await answer.text()
  expect(text).not.toMatch(/at .+\.(ts|js):\d+/) // no stack trace
}

async function readsWork(target: Target) {
  const answer = await fetch(`${target.base}/api/v1/assessments`, {
    headers: { Authorization: `Bearer ${target.token}` },
  })
  if (answer.status !== 200) console.error(server?.output().slice(-3000))
  expect(answer.status).toBe(200)
  expect((await answer.json()).assessments.length).toBeGreaterThan(0)
}

async function readiness(target: Target) {
  return (await fetch(`${target.base}/readyz`)).status
}

/** Writes until one fails (the WAL reuses space it already holds). */
async function writeUntilRefused(
  target: Target,
  workflow: boolean,
  credentials: { email: string; password: string },
) {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const answer = await writeOnce(
      target,
      workflow,
      credentials,
      `disk ${attempt} ${'x'.repeat(2000)}`,
    )
    if (!isAcknowledged(answer)) return answer
  }
  throw new Error('Every write succeeded on a full disk')
}

describe.skipIf(!canMountPrivately())('Storage faults', () => {
  test('A full disk and read-only storage refuse writes clearly, keep reads, and recover', async () => {
    const folder = tempDir('disk')
    disk = await openTinyDisk(folder, 6)
    const databasePath = path.join(folder, 'clearance.db')
    const prepared = await prepareDatabase(databasePath, disk.wrap)
    server = await startServer(databasePath, { wrap: disk.wrap })
    const target = {
      base: server.base,
      token: prepared.security.token,
      slug: prepared.slug,
    }
    const workflow = await hasWorkflowApi(target)
    const target2 = () => ({ ...target, base: server?.base ?? '' })
    expect(await readiness(target)).toBe(200)

    fillDisk(disk)
    const refused = await writeUntilRefused(target, workflow, prepared.security)
    await expectClearFailure(refused)
    expect(await readiness(target)).toBe(503)
    await readsWork(target)
    expect((await fetch(`${target.base}/healthz`)).status).toBe(200)

    disk.run(['rm', `${folder}/filler`])
    expect(await readiness(target)).toBe(200)
    expect(
      isAcknowledged(
        await writeOnce(
          target,
          workflow,
          prepared.security,
          'after space returned',
        ),
      ),
    ).toBe(true)

    // A filesystem with files open for writing cannot be remounted
    // read-only (EBUSY), so read-only storage is met at start: Clearance
    // must refuse to start with a clear error rather than half-serve.
    await server.stop('SIGTERM')
    disk.run(['mount', '-o', 'remount,ro', folder])
    await expect(
      startServer(databasePath, { wrap: disk.wrap }),
    ).rejects.toThrow(/unable to open database file|read-only|EROFS/)

    disk.run(['mount', '-o', 'remount,rw', folder])
    server = await startServer(databasePath, { wrap: disk.wrap })
    expect(await readiness(target2())).toBe(200)
    expect(
      isAcknowledged(
        await writeOnce(target2(), workflow, prepared.security, 'after rw'),
      ),
    ).toBe(true)

    await server.stop('SIGTERM')
    const copy = tempDir('disk-copy')
    disk.run(['sh', '-c', `cp ${folder}/clearance.db* ${copy}/`])
    const { sqlite, integrity } = inspectDatabase(
      path.join(copy, 'clearance.db'),
    )
    try {
      expect(integrity).toBe('ok')
      expect(verifyAuditChain(drizzle(sqlite))).toMatchObject({ intact: true })
    } finally {
      sqlite.close()
      fs.rmSync(copy, { recursive: true, force: true })
    }
  })
})
