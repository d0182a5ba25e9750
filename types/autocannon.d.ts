// The parts of autocannon's programmatic API that the benchmark (bench/)
// and the load run (security/load.ts) use; the package ships no types and
// @types/autocannon would be one more dependency.
declare module 'autocannon' {
  interface Histogram {
    average: number
    mean: number
    p50: number
    p90: number
    p97_5: number
    p99: number
    max: number
    total: number
  }
  interface Result {
    requests: Histogram
    latency: Histogram
    non2xx: number
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
    connections?: number
    duration?: number
    headers?: Record<string, string>
    requests?: Request[]
  }
  function autocannon(options: Options): Promise<Result>
  namespace autocannon {
    export type { Options, Request, Result }
  }
  export default autocannon
}
