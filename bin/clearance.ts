/**
 * The operator's command line: `npm run clearance -- <noun> <verb> [options]`.
 * It opens the same database as the server (DATABASE_PATH) and writes
 * every change to the audit log with the actor label `cli`. Secrets it
 * creates (passwords, tokens) are printed once and stored only hashed.
 * See docs/cli.md.
 */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { API_SCOPES, MAX_TOKEN_DAYS } from '~/domain/api-scopes'
import { PasswordSchema } from '~/domain/password-policy'
import {
  createApiTokenAudited,
  createUserAudited,
  disableUser,
  resetUserPassword,
  resetUserTwoFactor,
  revokeApiTokenAudited,
  type Actor,
} from '~/models/account-admin.server'
import { findVisibleAssessment } from '~/models/assessment.server'
import { verifyAuditChain } from '~/models/audit.server'
import { addMember } from '~/models/membership.server'
import { generatePassword, getUserByEmail } from '~/models/user.server'
import { migrateDatabase, openDatabase, type Db } from '#db/client.server'
import { ROLES } from '#db/schema/accounts'

const CLI: Actor = { id: null, label: 'cli' }

// The CLI acts with the operator's authority over every assessment.
const OPERATOR = {
  id: 0,
  email: 'cli',
  name: 'cli',
  role: 'admin' as const,
  disabledAt: null,
  totpEnabledAt: null,
}

class UsageError extends Error {}

const USAGE = `Usage: npm run clearance -- <noun> <verb> [options]

  user create --email E --name N --role R [--password-stdin]
  user reset-password --email E
  user disable --email E
  user reset-two-factor --email E
  member add --assessment SLUG --email E
  token create --email E --name N --scopes a,b --days N
  token revoke --id ID
  audit verify

Roles: ${ROLES.join(', ')}
Scopes: ${API_SCOPES.join(', ')}`

const OPTIONS = {
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  assessment: { type: 'string' },
  scopes: { type: 'string' },
  days: { type: 'string' },
  id: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

type Options = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values']

function required(
  options: Options,
  name: 'email' | 'name' | 'role' | 'assessment' | 'scopes' | 'days' | 'id',
): string {
  const value = options[name]
  if (!value) throw new UsageError(`--${name} is required`)
  return value
}

function out(line: string) {
  process.stdout.write(`${line}\n`)
}

function findUser(db: Db, email: string) {
  const user = getUserByEmail(db, email)
  if (!user) throw new UsageError(`No user has the e-mail ${email}`)
  return user
}

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk))
  // Only the final line break is dropped: passwords are compared exactly.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

async function userCreate(db: Db, options: Options) {
  const email = z.email().safeParse(required(options, 'email'))
  if (!email.success) throw new UsageError('--email is not an e-mail address')
  const role = z.enum(ROLES).safeParse(required(options, 'role'))
  if (!role.success)
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}`)
  if (getUserByEmail(db, email.data))
    throw new UsageError(`${email.data} already exists`)
  let password = generatePassword()
  if (options['password-stdin']) {
    const checked = PasswordSchema.safeParse(await readPasswordFromStdin())
    if (!checked.success)
      throw new UsageError(checked.error.issues[0]?.message ?? 'Bad password')
    password = checked.data
  }
  const user = await createUserAudited(db, CLI, {
    email: email.data,
    name: required(options, 'name'),
    role: role.data,
    password,
  })
  out(`Created user ${user.id} ${user.email} (${user.role}).`)
  if (!options['password-stdin']) out(`Password (shown once): ${password}`)
}

async function userResetPassword(db: Db, options: Options) {
  const user = findUser(db, required(options, 'email'))
  const password = generatePassword()
  await resetUserPassword(db, CLI, user.id, password)
  out(`New password for ${user.email} (shown once): ${password}`)
  out('Their sessions were ended.')
}

function userDisable(db: Db, options: Options) {
  const user = findUser(db, required(options, 'email'))
  const changed = disableUser(db, CLI, user.id)
  out(
    changed
      ? `Disabled ${user.email}; their sessions ended and tokens were revoked.`
      : `${user.email} was already disabled.`,
  )
}

function userResetTwoFactor(db: Db, options: Options) {
  const user = findUser(db, required(options, 'email'))
  if (!user.totpEnabledAt)
    throw new UsageError(`${user.email} has no two-factor`)
  const ended = resetUserTwoFactor(db, CLI, user.id)
  out(
    `Two-factor is off for ${user.email}; ${ended} session(s) ended. They set it up again after signing in.`,
  )
}

function memberAdd(db: Db, options: Options) {
  const slug = required(options, 'assessment')
  const assessment = findVisibleAssessment(db, OPERATOR, slug)
  if (!assessment) throw new UsageError(`No assessment ${slug}`)
  const user = findUser(db, required(options, 'email'))
  const added = addMember(db, CLI, assessment.id, user.id)
  out(
    added
      ? `Added ${user.email} to ${assessment.slug}.`
      : `${user.email} was already a member.`,
  )
}

function tokenCreate(db: Db, options: Options) {
  const user = findUser(db, required(options, 'email'))
  const scopes = z
    .array(z.enum(API_SCOPES))
    .min(1)
    .safeParse(
      required(options, 'scopes')
        .split(',')
        .map((scope) => scope.trim()),
    )
  if (!scopes.success)
    throw new UsageError(
      `--scopes takes a comma list of: ${API_SCOPES.join(', ')}`,
    )
  const days = z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_TOKEN_DAYS)
    .safeParse(required(options, 'days'))
  if (!days.success)
    throw new UsageError(`--days must be 1 to ${MAX_TOKEN_DAYS}`)
  const token = createApiTokenAudited(db, CLI, {
    userId: user.id,
    name: required(options, 'name'),
    scopes: scopes.data,
    expiresAt: new Date(Date.now() + days.data * 86_400_000),
  })
  out(`Token ${token.id} for ${user.email} (shown once):`)
  out(token.secret)
}

function tokenRevoke(db: Db, options: Options) {
  const id = z.coerce
    .number()
    .int()
    .positive()
    .safeParse(required(options, 'id'))
  if (!id.success) throw new UsageError('--id must be a token id')
  const revoked = revokeApiTokenAudited(db, CLI, id.data)
  out(
    revoked
      ? `Revoked token ${id.data}.`
      : `Token ${id.data} does not exist or was already revoked.`,
  )
}

function auditVerify(db: Db): number {
  const verdict = verifyAuditChain(db)
  if (verdict.intact) {
    out(`Audit chain intact: ${verdict.entries} entries.`)
    return 0
  }
  out(
    `Audit chain BROKEN at entry ${verdict.firstBrokenId}: ${verdict.problem}.`,
  )
  return 1
}

const COMMANDS: Record<
  string,
  (db: Db, options: Options) => Promise<number | void> | number | void
> = {
  'user create': userCreate,
  'user reset-password': userResetPassword,
  'user disable': userDisable,
  'user reset-two-factor': userResetTwoFactor,
  'member add': memberAdd,
  'token create': tokenCreate,
  'token revoke': tokenRevoke,
  'audit verify': auditVerify,
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
  })
  const command = COMMANDS[positionals.slice(0, 2).join(' ')]
  if (values.help || !command) {
    out(USAGE)
    return values.help ? 0 : 2
  }
  const { db, sqlite } = openDatabase(
    process.env.DATABASE_PATH ?? './data/clearance.db',
  )
  try {
    migrateDatabase(db)
    return (await command(db, values)) ?? 0
  } finally {
    sqlite.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof UsageError ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    process.stderr.write(
      `${known ? (error as Error).message : String(error)}\n`,
    )
    process.exit(2)
  },
)
