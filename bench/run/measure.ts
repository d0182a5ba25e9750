import http from 'node:http'
import zlib from 'node:zlib'

export interface HttpRequest {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
}

export interface HttpResult {
  status: number
  ms: number
  bytes: number
  serverTiming: string | null
  body: Buffer
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

/**
 * One request over loopback, timed from sending to the last byte. A kept
 * alive socket the server closed meanwhile is retried once on a new one.
 */
export async function timedRequest(
  origin: string,
  request: HttpRequest,
): Promise<HttpResult> {
  try {
    return await sendOnce(origin, request)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error
    return sendOnce(origin, request)
  }
}

function sendOnce(origin: string, request: HttpRequest): Promise<HttpResult> {
  const url = new URL(request.path, origin)
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const outgoing = http.request(
      url,
      {
        method: request.method,
        agent,
        headers: {
          'Accept-Encoding': 'gzip',
          ...(request.body
            ? { 'Content-Length': String(Buffer.byteLength(request.body)) }
            : {}),
          ...request.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6
          const raw = Buffer.concat(chunks)
          // Decoded after the clock stopped: only error messages read it.
          const body =
            response.headers['content-encoding'] === 'gzip'
              ? zlib.gunzipSync(raw)
              : raw
          const timing = response.headers['server-timing']
          resolve({
            status: response.statusCode ?? 0,
            ms,
            bytes: raw.length,
            serverTiming: Array.isArray(timing)
              ? timing.join(', ')
              : (timing ?? null),
            body,
          })
        })
        response.on('error', reject)
      },
    )
    outgoing.on('error', reject)
    if (request.body) outgoing.write(request.body)
    outgoing.end()
  })
}

export function closeAgent() {
  agent.destroy()
}

export interface Stats {
  median: number
  p95: number
  samples: number
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (quantile: number) => {
    if (sorted.length === 0) return Number.NaN
    const index = Math.min(
      sorted.length - 1,
      Math.ceil(quantile * sorted.length) - 1,
    )
    return sorted[Math.max(0, index)] ?? Number.NaN
  }
  return { median: at(0.5), p95: at(0.95), samples: sorted.length }
}

/** Warm-up runs, then measured runs, one after the other. */
export async function repeat(
  warmup: number,
  measured: number,
  run: (iteration: number) => number | Promise<number>,
): Promise<Stats> {
  for (let index = 0; index < warmup; index += 1) await run(index)
  const samples: number[] = []
  for (let index = 0; index < measured; index += 1)
    samples.push(await run(warmup + index))
  return stats(samples)
}

/** Times a synchronous function in milliseconds. */
export function timeSync(work: () => unknown): number {
  const started = process.hrtime.bigint()
  work()
  return Number(process.hrtime.bigint() - started) / 1e6
}
