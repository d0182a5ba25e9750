import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'

/**
 * Starts real Clearance servers (the production build) on throwaway
 * databases, so the fault tests can kill, starve and race them. The test
 * process shares SECRET_KEY with every server it starts, so tokens it
 * creates through the models are the ones the server accepts.
 */
export const SECRET_KEY = crypto.randomBytes(32).toString('base64')
process.env.SECRET_KEY = SECRET_KEY
process.env.LOG_LEVEL = 'silent'

const root = path.resolve(import.meta.dirname, '../..')
const tsx = path.join(root, 'node_modules/.bin/tsx')
// The server runs in this very process (tsx as a loader, not its CLI, which
// would fork a child): a SIGKILL must hit the process that holds the file.
const serverCommand = [process.execPath, '--import', 'tsx', 'server/index.ts']

let nextPort = Number(process.env.FAULTS_PORT ?? 3240)
export function freePort(): number {
  nextPort += 1
  return nextPort
}

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `clearance-${label}-`))
}

interface PreparedUser {
  id: number
  email: string
  password: string
  session: string
  csrf: string
  token: string
}

/** What security/prepare.ts prints: random credentials for one run. */
export interface Prepared {
  cookieName: string
  slug: string
  assessmentId: number
  otherSlug: string
  otherId: number
  admin: PreparedUser
  security: PreparedUser
  engineer: PreparedUser
}

/**
 * A migrated, seeded database with a security user and an engineer
 * (member of the seeded assessment), each with an all-scopes API token.
 * Runs in a child process so this process never holds the file open.
 */
export function prepareDatabase(
  databasePath: string,
  wrap: string[] = [],
): Promise<Prepared> {
  return new Promise((resolve, reject) => {
    const command = [...wrap, tsx, path.join(root, 'security/prepare.ts')]
    const child = spawn(command[0] ?? tsx, command.slice(1), {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databasePath },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`prepare-db exited with ${code}`))
      else resolve(JSON.parse(output.trim().split('\n').pop() ?? '{}'))
    })
  })
}

export interface RunningServer {
  port: number
  base: string
  process: ChildProcess
  output: () => string
  stop: (signal?: NodeJS.Signals) => Promise<void>
}

/**
 * Starts the server and waits for /healthz. `wrap` prefixes the command,
 * e.g. with nsenter to run it inside a private mount namespace.
 */
export async function startServer(
  databasePath: string,
  options: {
    port?: number
    env?: Record<string, string>
    wrap?: string[]
  } = {},
): Promise<RunningServer> {
  const port = options.port ?? freePort()
  const command = [...(options.wrap ?? []), ...serverCommand]
  const child = spawn(command[0] ?? process.execPath, command.slice(1), {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: databasePath,
      SECRET_KEY,
      LOG_LEVEL: 'error',
      API_LIMIT_PER_MINUTE: '100000',
      LOGIN_LIMIT_PER_IP: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const base = `http://127.0.0.1:${port}`
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => resolve()),
  )
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The server exited at start:\n${output}`)
    try {
      const answer = await fetch(`${base}/healthz`)
      if (answer.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`The server did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    port,
    base,
    process: child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null)
        child.kill(signal)
      await exited
    },
  }
}

/** Opens the file the way an operator would inspect it after a crash. */
export function inspectDatabase(databasePath: string) {
  const sqlite = new Database(databasePath, { readonly: true })
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true })
    return { sqlite, integrity }
  } catch (error) {
    sqlite.close()
    throw error
  }
}

/** A digest of every row of every table, to prove that nothing changed. */
export function digestDatabase(
  sqlite: Database.Database,
  skip: string[] = ['sessions', 'settings', 'api_tokens'],
): string {
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string }[]
  const hash = crypto.createHash('sha256')
  for (const { name } of tables) {
    if (skip.includes(name)) continue
    hash.update(`#${name}\n`)
    for (const row of sqlite.prepare(`SELECT * FROM "${name}"`).iterate())
      hash.update(JSON.stringify(row))
  }
  return hash.digest('hex')
}

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
