// The part of autocannon's API that security/load.ts uses; the package
// ships no types and @types/autocannon would be one more dependency.
declare module 'autocannon' {
  interface Histogram {
    p50: number
    p90: number
    p99: number
    max: number
    average: number
    total: number
  }
  interface Result {
    requests: Histogram
    latency: Histogram
    errors: number
    timeouts: number
    statusCodeStats?: Record<string, { count: number }>
  }
  interface Request {
    method: string
    path: string
    headers?: Record<string, string>
    body?: string
  }
  interface Options {
    url: string
    connections: number
    duration: number
    requests: Request[]
  }
  function autocannon(options: Options): Promise<Result>
  namespace autocannon {
    export type { Options, Request, Result }
  }
  export default autocannon
}
