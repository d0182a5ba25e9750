import { spawnSync } from 'node:child_process'
import { and, eq } from 'drizzle-orm'
import { getConnection } from '#db/client.server'
import { findings } from '#db/schema/findings'
import { gates } from '#db/schema/gates'
import { expect, makeAssessment, makeToken, makeUser, test } from './fixtures'

const START = new Date('2026-12-07T00:00:00Z')
const baseUrl = () => process.env.E2E_BASE_URL ?? ''

function runGate(args: string[], token: string) {
  const result = spawnSync(
    process.execPath,
    ['bin/clearance-gate.mjs', ...args],
    {
      env: { ...process.env, CLEARANCE_TOKEN: token },
      encoding: 'utf8',
      timeout: 30_000,
    },
  )
  return { code: result.status, output: `${result.stdout}${result.stderr}` }
}

test('The CI command exits 1 when not ready, 0 when ready, 2 when it cannot tell', async () => {
  const { slug, id } = makeAssessment('ci', START)
  const { user } = await makeUser('security')
  const token = makeToken(user, ['readiness:read'])
  const args = ['--url', baseUrl(), '--assessment', slug]

  const notReady = runGate(args, token)
  expect(notReady.code).toBe(1)
  expect(notReady.output).toContain('NOT READY')
  expect(notReady.output).toContain('No open production blocker')
  expect(notReady.output).toContain('P2-001')

  const db = getConnection().db
  db.update(findings)
    .set({ status: 'verified' })
    .where(eq(findings.assessmentId, id))
    .run()
  db.update(gates)
    .set({ checkedAt: new Date().toISOString(), checkedById: user.id })
    .where(and(eq(gates.assessmentId, id), eq(gates.type, 'checklist')))
    .run()

  const ready = runGate(args, token)
  expect(ready.code).toBe(0)
  expect(ready.output).toContain('READY:')
  const json = runGate([...args, '--json'], token)
  expect(json.code).toBe(0)
  expect(JSON.parse(json.output)).toMatchObject({
    result: 'ready',
    ready: true,
  })
  // Ready, but nobody has signed off.
  expect(runGate([...args, '--require-sign-off'], token).code).toBe(1)

  const badToken = runGate(args, 'clr_not-a-real-token')
  expect(badToken.code).toBe(2)
  expect(badToken.output).toContain('401')
  expect(
    runGate(['--url', baseUrl(), '--assessment', 'no-such'], token).code,
  ).toBe(2)
  const unreachable = runGate(
    ['--url', 'http://127.0.0.1:9', '--assessment', slug],
    token,
  )
  expect(unreachable.code).toBe(2)
  expect(unreachable.output).toContain('CANNOT TELL')
})
