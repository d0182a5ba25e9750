/**
 * The writes the fault tests make, through the public API as a client
 * would. The finding workflow (status changes and comments) is used where
 * the server has it; before it landed, sign-ins were the only write, and
 * the tests fall back to them so they still prove something.
 */
export interface Target {
  base: string
  token: string
  slug: string
}

const json = (token: string) => ({
  Authorization: `Bearer ${token}`,
  'Content-Type': 'application/json',
})

export function findingUrl(target: Target, reference: string, tail = '') {
  return `${target.base}/api/v1/assessments/${target.slug}/findings/${reference}${tail}`
}

/** True when the server answers the comment endpoint (not the API's 404). */
export async function hasWorkflowApi(target: Target): Promise<boolean> {
  const answer = await fetch(findingUrl(target, 'P2-001', '/comments'), {
    method: 'POST',
    headers: json(target.token),
    body: '{}',
  })
  return answer.status !== 404 && answer.status !== 405
}

export function postComment(target: Target, reference: string, body: string) {
  return fetch(findingUrl(target, reference, '/comments'), {
    method: 'POST',
    headers: json(target.token),
    body: JSON.stringify({ body }),
  })
}

/** The next status in a loop the security role may walk forever. */
export const NEXT_STATUS: Record<string, string> = {
  open: 'in_progress',
  reopened: 'in_progress',
  in_progress: 'fixed',
  fixed: 'reopened',
}

export function postStatus(
  target: Target,
  reference: string,
  status: string,
  version: number,
  note = `moved to ${status} by the fault tests`,
) {
  return fetch(findingUrl(target, reference, '/status'), {
    method: 'POST',
    headers: json(target.token),
    body: JSON.stringify({
      status,
      version,
      note,
      ...(status === 'fixed' ? { evidence: { commit: 'abcdef1', note } } : {}),
    }),
  })
}

/** Reads a finding's status and version through the API. */
export async function readFinding(
  target: Target,
  reference: string,
): Promise<{ status: string; version: number }> {
  const answer = await fetch(findingUrl(target, reference), {
    headers: { Authorization: `Bearer ${target.token}` },
  })
  if (!answer.ok) throw new Error(`GET finding answered ${answer.status}`)
  const body = (await answer.json()) as {
    finding?: { status: string; version: number }
    status?: string
    version?: number
  }
  const finding = body.finding ?? body
  return { status: String(finding.status), version: Number(finding.version) }
}

/** A sign-in through the form: the write that exists without the workflow. */
export function postLogin(base: string, email: string, password: string) {
  return fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, redirectTo: '/' }),
  })
}

/**
 * One acknowledged-or-not write: a comment where the workflow exists, a
 * sign-in (a new session row) before it did.
 */
export function writeOnce(
  target: Target,
  workflow: boolean,
  credentials: { email: string; password: string },
  label: string,
) {
  return workflow
    ? postComment(target, 'P2-001', label)
    : postLogin(target.base, credentials.email, credentials.password)
}

export function isAcknowledged(answer: Response) {
  return answer.ok || answer.status === 302 || answer.status === 303
}
