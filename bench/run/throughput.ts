import autocannon from 'autocannon'

export interface Throughput {
  path: string
  appRps: number
  minimalRps: number
  appLatencyP50: number
  minimalLatencyP50: number
  share: number
  failures: number
  /** Whether both answered the same JSON (times of evaluation aside). */
  sameAnswer: boolean
}

/** JSON with sorted keys and no evaluation time, for comparing answers. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => {
    if (key === 'evaluatedAt') return undefined
    if (inner && typeof inner === 'object' && !Array.isArray(inner))
      return Object.fromEntries(
        Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)),
      )
    return inner
  })
}

async function answer(origin: string, path: string, bearer: string) {
  const response = await fetch(origin + path, {
    headers: { Authorization: bearer },
  })
  return canonical(await response.json())
}

async function load(
  origin: string,
  path: string,
  bearer: string,
  seconds: number,
  connections: number,
) {
  const result = await autocannon({
    url: origin + path,
    connections,
    duration: seconds,
    headers: { Authorization: bearer, Accept: 'application/json' },
  })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    failures: result.non2xx + result.errors + result.timeouts,
  }
}

/** req/s of the app and of the bare handler on the same call, one after the other. */
export async function measureThroughput(
  appOrigin: string,
  minimalOrigin: string,
  path: string,
  bearer: string,
  seconds: number,
  connections: number,
): Promise<Throughput> {
  const sameAnswer =
    (await answer(appOrigin, path, bearer)) ===
    (await answer(minimalOrigin, path, bearer))
  const app = await load(appOrigin, path, bearer, seconds, connections)
  const minimal = await load(minimalOrigin, path, bearer, seconds, connections)
  return {
    path,
    appRps: app.rps,
    minimalRps: minimal.rps,
    appLatencyP50: app.p50,
    minimalLatencyP50: minimal.p50,
    share: minimal.rps > 0 ? app.rps / minimal.rps : 0,
    failures: app.failures + minimal.failures,
    sameAnswer,
  }
}
