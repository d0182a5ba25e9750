import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import { writeReadableStreamToWritable } from '@remix-run/node'
import compression from 'compression'
import express, { type Request, type Response } from 'express'
import { describe, expect, it, vi } from 'vitest'
import { coalesceFlushes } from '../../server/coalesce-flushes'

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

/** A response as the compression middleware leaves it: with `flush`. */
function compressedResponse() {
  const flush = vi.fn()
  const response = { flush } as unknown as Response & { flush: () => void }
  coalesceFlushes({} as Request, response, () => undefined)
  return { response, flush }
}

describe('Coalesced flushes', () => {
  it('flushes asked for in one turn of the event loop reach the compressor once', async () => {
    const { response, flush } = compressedResponse()
    for (let chunk = 0; chunk < 40; chunk += 1) response.flush()
    expect(flush).not.toHaveBeenCalled()

    await nextTurn()

    expect(flush).toHaveBeenCalledTimes(1)
  })

  it('a flush asked for in a later turn still goes out, for parts streamed later', async () => {
    const { response, flush } = compressedResponse()
    response.flush()
    await nextTurn()
    response.flush()
    await nextTurn()

    expect(flush).toHaveBeenCalledTimes(2)
  })

  it('a page forwarded chunk by chunk arrives whole and in one deflate stream', async () => {
    const page = Array.from({ length: 60 }, (_, index) =>
      `<tr><td>F-${index}</td><td>SQL injection in the search form</td></tr>`.repeat(
        20,
      ),
    )
    const app = express()
    app.use(compression({ threshold: 0 }))
    app.use(coalesceFlushes)
    // Stands in for Remix: forwards a stream, flushing after every chunk.
    app.get('/page', (_request, response) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of page) controller.enqueue(Buffer.from(part))
          controller.close()
        },
      })
      response.setHeader('Content-Type', 'text/html')
      void writeReadableStreamToWritable(body, response)
    })
    const server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo

    const raw = await new Promise<Buffer>((resolve, reject) => {
      http
        .get(
          {
            host: '127.0.0.1',
            port,
            path: '/page',
            headers: { 'Accept-Encoding': 'gzip' },
          },
          (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk: Buffer) => chunks.push(chunk))
            response.on('end', () => resolve(Buffer.concat(chunks)))
          },
        )
        .on('error', reject)
    })
    await new Promise((resolve) => server.close(resolve))

    const whole = page.join('')
    expect(zlib.gunzipSync(raw).toString()).toBe(whole)
    // One flush per chunk would have added a block boundary per chunk.
    expect(raw.length).toBeLessThan(
      zlib.gzipSync(whole).length + page.length * 5,
    )
  })
})
