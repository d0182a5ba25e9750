import crypto from 'node:crypto'
import http from 'node:http'
import { expect } from '@playwright/test'
import { getConnection } from '#db/client.server'
import { createSession, findActiveSession } from '~/models/session.server'
import { sessionCookieName } from '~/utils/auth.server'

/**
 * Bad input: each request below must get a clear 4xx (never a 5xx) and
 * leave the stored data exactly as it was. Bookkeeping tables that every
 * request may touch (sessions, token last use, the storage probe) and the
 * users the fixtures create are left out of the digest.
 */
const SKIP = new Set(['sessions', 'api_tokens', 'settings', 'users'])

export function digest(): string {
  const { sqlite } = getConnection()
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[]
  const hash = crypto.createHash('sha256')
  for (const table of tables.filter((name) => !SKIP.has(name))) {
    hash.update(table)
    for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).iterate())
      hash.update(JSON.stringify(row))
  }
  return hash.digest('hex')
}

export interface RawAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/** A request with exact bytes and headers, which fetch would normalise. */
export function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<RawAnswer> {
  const url = new URL(path, process.env.E2E_BASE_URL)
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        headers: {
          ...headers,
          ...(body ? { 'Content-Length': Buffer.byteLength(body) } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    request.on('error', reject)
    if (body) request.write(body)
    request.end()
  })
}

/** Runs `send`, then checks the answer is a 4xx and nothing was stored. */
export async function expectRefused(
  send: () => Promise<RawAnswer>,
  expected: number | number[],
): Promise<RawAnswer> {
  const before = digest()
  const answer = await send()
  const allowed = Array.isArray(expected) ? expected : [expected]
  expect(
    allowed,
    `answered ${answer.status}: ${answer.body.slice(0, 200)}`,
  ).toContain(answer.status)
  expect(answer.body).not.toMatch(/at .+\.(ts|js):\d+:\d+/)
  expect(digest()).toBe(before)
  return answer
}

export const form = { 'Content-Type': 'application/x-www-form-urlencoded' }

/**
 * Headers that make a raw form post count as the signed-in `userId` from
 * the test server's own origin, and the CSRF token its forms must carry.
 */
export function formSession(userId: number) {
  const db = getConnection().db
  const timeouts = { idleMinutes: 60, absoluteHours: 12 }
  const token = createSession(
    db,
    { userId, pendingSecondFactor: false, ipAddress: null, userAgent: 'e2e' },
    timeouts,
  )
  const csrf = findActiveSession(db, token, timeouts)?.csrfToken ?? ''
  const headers = {
    ...form,
    Cookie: `${sessionCookieName()}=${token}`,
    Origin: process.env.E2E_BASE_URL ?? '',
  }
  return { headers, csrf }
}
