import type { Role } from '../../db/schema/accounts'

/** How many recovery codes a user receives each time two-factor is set up. */
export const RECOVERY_CODE_COUNT = 10

// Crockford-like alphabet without I, L, O and U: nothing to misread.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstvwxyz0123456789'

/**
 * A recovery code from random bytes: ten characters (50 bits) in two groups
 * of five, `k3m9x-q2z7b`. Long enough that guessing one within the sign-in
 * rate limit is hopeless; short enough to type from paper.
 */
export function formatRecoveryCode(bytes: Uint8Array): string {
  if (bytes.length < 10) throw new Error('A recovery code needs 10 bytes')
  let code = ''
  for (let index = 0; index < 10; index++)
    code += RECOVERY_ALPHABET[(bytes[index] ?? 0) % RECOVERY_ALPHABET.length]
  return `${code.slice(0, 5)}-${code.slice(5)}`
}

/** Accepts what people type: any case, spaces or no dash. */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, '')
  if (compact.length !== 10) return null
  for (const character of compact)
    if (!RECOVERY_ALPHABET.includes(character)) return null
  return `${compact.slice(0, 5)}-${compact.slice(5)}`
}

/** A six-digit TOTP code, spaces allowed ("123 456"). */
export function normaliseTotpCode(input: string): string | null {
  const digits = input.replace(/\s/g, '')
  return /^\d{6}$/.test(digits) ? digits : null
}

/** Roles an admin may require two-factor for. */
export const TWO_FACTOR_ROLES = ['admin', 'security'] as const

/**
 * Whether a user must set up two-factor before doing anything else: their
 * role is in the required list and they have not enabled it.
 */
export function mustSetUpTwoFactor(
  user: { role: Role; totpEnabledAt: string | null },
  requiredRoles: readonly Role[],
): boolean {
  return user.totpEnabledAt === null && requiredRoles.includes(user.role)
}
