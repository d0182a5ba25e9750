import { execSync, spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

export interface RunningServer {
  origin: string
  stop: () => Promise<void>
}

async function waitForHealth(
  origin: string,
  child: ChildProcess,
  output: () => string,
) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The server exited:\n${output()}`)
    try {
      const response = await fetch(`${origin}/healthz`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(
    `The server did not answer /healthz within 60 s:\n${output()}`,
  )
}

function startProcess(
  args: string[],
  env: Record<string, string>,
  origin: string,
  profileDir?: string,
) {
  // Node refuses --cpu-prof in NODE_OPTIONS, so a profiled server is
  // started by node itself with tsx as a loader.
  const [command, commandArgs] = profileDir
    ? [
        process.execPath,
        [
          '--cpu-prof',
          `--cpu-prof-dir=${profileDir}`,
          '--import',
          'tsx',
          ...args,
        ],
      ]
    : [path.resolve('node_modules/.bin/tsx'), args]
  const child = spawn(command, commandArgs, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const stop = () =>
    new Promise<void>((resolve) => {
      if (process.env.BENCH_SERVER_OUTPUT) process.stderr.write(output)
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return waitForHealth(origin, child, () => output).then(() => ({
    origin,
    stop,
  }))
}

/** Builds when sources are newer than the build, as `npm start` does. */
export function buildIfNeeded() {
  execSync('node scripts/build-if-needed.mjs', { stdio: 'inherit' })
}

/**
 * The production server on the bench database, limits raised for load.
 * With `profileDir`, Node writes a CPU profile there when the server stops.
 */
export function startAppServer(
  port: number,
  databasePath: string,
  secretKey: string,
  profileDir?: string,
) {
  return startProcess(
    ['server/index.ts'],
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: databasePath,
      DATA_DIR: path.dirname(databasePath),
      SECRET_KEY: secretKey,
      API_LIMIT_PER_MINUTE: '100000000',
      LOGIN_LIMIT_PER_ACCOUNT: '100000',
      LOGIN_LIMIT_PER_IP: '100000',
      LOGIN_LIMIT_WINDOW_SECONDS: '1',
      LOG_LEVEL: 'warn',
    },
    `http://127.0.0.1:${port}`,
    profileDir,
  )
}

export function startMinimalServer(
  port: number,
  databasePath: string,
  secretKey: string,
) {
  return startProcess(
    ['bench/minimal-server.ts'],
    {
      PORT: String(port),
      DATABASE_PATH: databasePath,
      SECRET_KEY: secretKey,
      NODE_ENV: 'production',
    },
    `http://127.0.0.1:${port}`,
  )
}
