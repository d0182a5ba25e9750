import { z } from 'zod'
import { COMMON_PASSWORDS } from './common-passwords'

/**
 * Password rules (OWASP ASVS 5.0, 6.2): at least 8 characters, up to 128
 * so long passphrases work, compared exactly (no trimming, no case
 * folding), and not one of the most common passwords.
 */
export const PasswordSchema = z
  .string({ error: 'Enter a password.' })
  .min(8, 'Use at least 8 characters.')
  .max(128, 'Use at most 128 characters.')
  .refine((password) => !COMMON_PASSWORDS.has(password.toLowerCase()), {
    message: 'This password is too common; choose another.',
  })
