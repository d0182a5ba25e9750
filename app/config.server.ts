import { z } from 'zod'

/**
 * Configuration from the environment, checked once at boot. A wrong value
 * stops the server with a message naming the variable, instead of failing
 * later in a request.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value))

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('./data/clearance.db'),
  // Where generated secrets and uploaded evidence live; defaults to the
  // database's folder.
  DATA_DIR: z.string().min(1).optional(),
  // At least 32 characters when given; otherwise generated on first start.
  SECRET_KEY: z
    .string()
    .min(32, 'SECRET_KEY must be at least 32 characters')
    .optional(),
  // The public origin (https://clearance.example.com) when served behind a
  // TLS proxy: turns on Secure/__Host- cookies and HSTS.
  PUBLIC_ORIGIN: z.url().optional(),
  TRUST_PROXY: booleanFromEnv.default(false),
  CORS_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  API_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
})

export type AppConfig = z.infer<typeof EnvSchema>

export function parseConfig(env: Record<string, string | undefined>) {
  const result = EnvSchema.safeParse(env)
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n')
    throw new Error(`Invalid configuration:\n${problems}`)
  }
  return result.data
}

let cached: AppConfig | undefined

export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env)
  return cached
}
