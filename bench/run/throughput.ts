import autocannon from 'autocannon'

export interface Throughput {
  path: string
  appRps: number
  minimalRps: number
  appLatencyP50: number
  minimalLatencyP50: number
  share: number
  failures: number
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
  }
}
