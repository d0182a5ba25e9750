import { z } from 'zod'
import { API_SCOPES, MAX_TOKEN_DAYS } from './api-scopes'

/** The last day a token created on `today` may live to (YYYY-MM-DD). */
export function latestTokenExpiry(today: Date): string {
  return new Date(today.getTime() + MAX_TOKEN_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10)
}

/**
 * A new token: a name, at least one known scope, and an expiry day after
 * today and no later than MAX_TOKEN_DAYS ahead. The token expires at the
 * end of that day (UTC).
 */
export function tokenFormSchema(today: Date) {
  const first = new Date(today.getTime() + 86_400_000)
    .toISOString()
    .slice(0, 10)
  const last = latestTokenExpiry(today)
  return z.object({
    name: z.string().trim().min(1, 'Give the token a name.').max(80),
    scopes: z
      .array(z.enum(API_SCOPES, { error: 'Unknown scope.' }))
      .min(1, 'Choose at least one scope.'),
    expiresOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a date.')
      .refine((day) => day >= first && day <= last, {
        message: `Choose a day from ${first} to ${last}.`,
      }),
  })
}

export function endOfDay(day: string): Date {
  return new Date(`${day}T23:59:59.999Z`)
}
