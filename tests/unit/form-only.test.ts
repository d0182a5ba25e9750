import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyLimit } from '../../server/body-limit'
import { formBodiesOnly } from '../../server/form-only'

let server: http.Server
let port = 0
let reached = 0

beforeAll(async () => {
  const app = express()
  app.use(bodyLimit(() => 1_000))
  app.use(formBodiesOnly())
  // Stands in for a Remix action: any request that gets here is counted.
  app.use((request, response) => {
    reached += 1
    request.resume()
    request.on('end', () => response.json({ reached: true }))
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(() => new Promise((resolve) => server.close(resolve)))

interface Sent {
  method?: string
  path?: string
  headers?: Record<string, string>
  /** Bytes to send; chunked unless a Content-Length header is given. */
  size?: number
}

function send({ method = 'POST', path = '/login', headers = {}, size }: Sent) {
  return new Promise<{ status: number; code: string | undefined }>(
    (resolve, reject) => {
      const request = http.request({
        host: '127.0.0.1',
        port,
        path,
        method,
        headers,
        // A fresh connection each time: the body limit closes the socket
        // under a refused chunked body, which a kept-alive agent would reuse.
        agent: false,
      })
      request.on('response', (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () => {
          const parsed = JSON.parse(body) as { error?: { code: string } }
          resolve({
            status: response.statusCode ?? 0,
            code: parsed.error?.code,
          })
        })
      })
      request.on('error', reject)
      const chunk = Buffer.alloc(100, 'a')
      for (let sent = 0; sent < (size ?? 0); sent += 100) request.write(chunk)
      request.end()
    },
  )
}

describe('Page requests must carry a form body', () => {
  it('answers 415 to a small POST without a Content-Type, before the action', async () => {
    const before = reached
    const answer = await send({
      headers: { 'Content-Length': '100' },
      size: 100,
    })
    expect(answer).toEqual({ status: 415, code: 'unsupported_media_type' })
    expect(reached).toBe(before)
  })

  it('answers 415 to an empty POST without a type or of another type', async () => {
    expect((await send({ headers: { 'Content-Length': '0' } })).status).toBe(
      415,
    )
    const typed = await send({
      headers: { 'Content-Type': 'text/plain', 'Content-Length': '0' },
    })
    expect(typed.status).toBe(415)
  })

  it('answers 415 to a chunked body without a type once it has been read', async () => {
    const before = reached
    expect((await send({ size: 500 })).status).toBe(415)
    expect(reached).toBe(before)
  })

  it('still answers 413 to a chunked body without a type over the limit', async () => {
    const answer = await send({ size: 5_000 })
    expect(answer).toEqual({ status: 413, code: 'payload_too_large' })
  })

  it('lets forms, reads and API calls through', async () => {
    const before = reached
    await send({
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': '100',
      },
      size: 100,
    })
    await send({
      headers: {
        'Content-Type': 'multipart/form-data; boundary=x',
        'Content-Length': '0',
      },
    })
    await send({ method: 'GET', path: '/login' })
    await send({ path: '/api/v1/x', headers: { 'Content-Length': '0' } })
    expect(reached).toBe(before + 4)
  })

  it('refuses a type that only starts like a form type', async () => {
    const answer = await send({
      headers: {
        'Content-Type': 'multipart/form-dataX',
        'Content-Length': '0',
      },
    })
    expect(answer.status).toBe(415)
  })
})
