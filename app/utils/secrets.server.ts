import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { getConfig } from '~/config.server'

/**
 * The data folder holds the database, generated secrets and uploads. It is
 * created owner-only; nothing in it is ever served.
 */
export function dataDir(): string {
  const config = getConfig()
  const folder = path.resolve(
    config.DATA_DIR ?? path.dirname(config.DATABASE_PATH),
  )
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
  return folder
}

let cachedKey: Buffer | undefined

/**
 * The server's secret key: from SECRET_KEY, or generated once into
 * `<data>/secret.key` with mode 0600. It keys the HMAC that stores session,
 * API and link tokens, so a stolen database alone cannot be used to check
 * guessed tokens.
 */
export function secretKey(): Buffer {
  if (cachedKey) return cachedKey
  const fromEnv = getConfig().SECRET_KEY
  if (fromEnv) {
    cachedKey = Buffer.from(fromEnv, 'utf8')
    return cachedKey
  }
  const file = path.join(dataDir(), 'secret.key')
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), {
      mode: 0o600,
      flag: 'wx',
    })
  }
  const stored = fs.readFileSync(file, 'utf8').trim()
  if (stored.length < 32)
    throw new Error(`${file} holds a key shorter than 32 characters`)
  cachedKey = Buffer.from(stored, 'utf8')
  return cachedKey
}

/** 256 random bits, URL-safe. */
export function randomToken(prefix = ''): string {
  return prefix + crypto.randomBytes(32).toString('base64url')
}

/** How tokens are stored: keyed HMAC-SHA256, hex. */
export function hashToken(token: string): string {
  return crypto.createHmac('sha256', secretKey()).update(token).digest('hex')
}

export function sha256Hex(data: string | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex')
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && crypto.timingSafeEqual(left, right)
}
