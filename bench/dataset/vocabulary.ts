import {
  OWASP_API_TOP10_2023,
  OWASP_TOP10_2021,
  PRACTICES,
} from '~/domain/owasp'
import type { Severity } from '~/domain/severity'

/** Words the generator builds plausible findings from. */
export const SEVERITY_WEIGHTS: readonly (readonly [Severity, number])[] = [
  ['critical', 3],
  ['high', 14],
  ['medium', 36],
  ['low', 30],
  ['info', 17],
]

/** Days from creation to the due date, per severity (null: no due date). */
export const SLA_DAYS: Record<Severity, number | null> = {
  critical: 7,
  high: 30,
  medium: 90,
  low: 180,
  info: null,
}

export const SLA_JSON = JSON.stringify({
  critical: 7,
  high: 30,
  medium: 90,
  low: 180,
  info: 365,
})
export const WEIGHTS_JSON = JSON.stringify({
  critical: 10,
  high: 5,
  medium: 2,
  low: 1,
  info: 0,
})

/**
 * Valid CVSS 3.1 base vectors; the generator scores each once and files it
 * under the severity its score falls in.
 */
export const CVSS_VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
  'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:L/I:L/A:N',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N',
  'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N',
  'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:N/A:N',
  'CVSS:3.1/AV:P/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N',
  'CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N',
  'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N',
] as const

export const OWASP_CODES = Object.keys(OWASP_TOP10_2021)
export const OWASP_API_CODES = Object.keys(OWASP_API_TOP10_2023)
export const PRACTICE_KEYS = Object.keys(PRACTICES)

const WEAKNESSES = [
  ['SQL injection in', 89],
  ['Stored cross-site scripting in', 79],
  ['Reflected cross-site scripting in', 79],
  ['Missing authorization check on', 862],
  ['Insecure direct object reference in', 639],
  ['Server-side request forgery through', 918],
  ['Hard-coded credentials in', 798],
  ['Weak password hashing in', 916],
  ['Missing rate limit on', 770],
  ['Verbose error messages from', 209],
  ['Outdated TLS configuration on', 326],
  ['Missing security headers on', 693],
  ['Session fixation in', 384],
  ['Open redirect in', 601],
  ['Path traversal in', 22],
  ['Unvalidated file upload in', 434],
  ['Excessive data exposure in', 213],
  ['Vulnerable dependency used by', 1104],
  ['Insufficient audit logging in', 778],
  ['Permissive CORS policy on', 942],
] as const

const PLACES = [
  'the login endpoint',
  'the export API',
  'the admin console',
  'the search form',
  'the report generator',
  'the webhook receiver',
  'the file import',
  'the billing service',
  'the user profile page',
  'the GraphQL gateway',
  'the mobile API',
  'the password reset flow',
  'the metrics dashboard',
  'the batch scheduler',
  'the notification service',
] as const

export function findingText(pick: <T>(items: readonly T[]) => T) {
  const [weakness, cweId] = pick(WEAKNESSES)
  const place = pick(PLACES)
  const title = `${weakness} ${place}`
  const description = `${title}. The tester confirmed the issue with a crafted request and documented the steps to reproduce it. The affected component is reachable by ${pick(['any user on the internet', 'authenticated users', 'users on the internal network', 'administrators only'])}, and the behaviour was observed in ${pick(['production', 'staging', 'the pre-production environment'])}.`
  return { title, description, cweId, place }
}

export const REMEDIATION =
  'Validate the input against an allow-list, use the framework helper for the operation, and add a regression test.\n\n- Patch the handler\n- Add a test\n- Retest'

export const COMMENTS = [
  'Fix is in review.',
  'Deployed to staging, please retest.',
  'Retest passed on the latest build.',
  'Could not reproduce on the new release.',
  'Blocked by the upstream library upgrade.',
  'Risk discussed with the product owner.',
  'Ticket moved to the next sprint.',
] as const

export const CHECKLIST_GATES = [
  'Retest of all fixed findings performed',
  'Secrets rotated after the assessment',
  'Operations runbook updated',
] as const
