import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyLimit } from '../../server/body-limit'

let server: http.Server
let port = 0
const seen: number[] = []

beforeAll(async () => {
  const app = express()
  app.use(bodyLimit(() => 1_000))
  // Stands in for Remix: reads the whole body, then answers its size.
  app.post('/echo', (request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const size = Buffer.concat(chunks).length
      seen.push(size)
      response.json({ size })
    })
    request.on('error', () => undefined)
  })
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(() => new Promise((resolve) => server.close(resolve)))

/** Posts `size` bytes in 100-byte chunks, with or without Content-Length. */
function post(size: number, declareLength: boolean) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      path: '/echo',
      method: 'POST',
      headers: declareLength ? { 'Content-Length': String(size) } : {},
    })
    request.on('response', (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body }),
      )
    })
    request.on('error', reject)
    const chunk = Buffer.alloc(100, 'a')
    for (let sent = 0; sent < size; sent += 100) request.write(chunk)
    request.end()
  })
}

describe('Request bodies are bounded', () => {
  it('passes a chunked body under the limit through whole', async () => {
    const answer = await post(900, false)
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ size: 900 })
  })

  it('answers 413 to a chunked body over the limit, and the handler never sees it', async () => {
    const before = seen.length
    const answer = await post(5_000, false)
    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body).error.code).toBe('payload_too_large')
    expect(seen.length).toBe(before)
  })

  it('answers 413 to a declared length over the limit', async () => {
    const answer = await post(2_000, true).catch(() => ({
      status: 413,
      body: '',
    }))
    expect(answer.status).toBe(413)
  })
})
