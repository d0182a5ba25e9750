import { z } from 'zod'

/**
 * The signature form. The page shows the gate-exception field only while
 * gates fail, so a form sent while every gate passes has no such field at
 * all: it is optional here, and the model decides whether one is needed.
 */
export const SignSchema = z.object({
  statement: z
    .string()
    .trim()
    .min(10, 'Write the statement you sign (at least 10 characters).')
    .max(2000, 'Keep the statement under 2,000 characters.'),
  gateException: z
    .string()
    .trim()
    .max(2000, 'Keep the exception under 2,000 characters.')
    .optional()
    .transform((text) => text || null),
})
