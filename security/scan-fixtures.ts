import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.server'
import { findings } from '#db/schema/findings'
import { gates } from '#db/schema/gates'
import { planPhases, remediationTasks, taskFindings } from '#db/schema/plan'
import type { Role } from '#db/schema/accounts'
import { seedPhase2 } from '#db/seed/phase2'
import { addEvidence } from '~/models/finding-activity.server'
import { saveEvidenceFile } from '~/models/finding-evidence.server'
import { requestRiskAcceptance } from '~/models/finding-risk.server'
import { changeFindingStatus } from '~/models/finding-workflow.server'
import type { FindingStatus } from '~/domain/finding-status'
import { createShareLink } from '~/models/report-share.server'
import { createSession, findActiveSession } from '~/models/session.server'
import { addSignOffRequirement } from '~/models/sign-off.server'
import { enableTotp, startTotpSetup } from '~/models/two-factor.server'
import type { SafeUser } from '~/models/user.server'

/** What prepare.ts makes for each person. */
export interface Person {
  id: number
  email: string
  password: string
  session: string
  csrf: string
  token: string
  tokenId: number
  user: SafeUser
}

/** A person as written to prepare.json: the user row stays out. */
export function withoutUser({ user: _user, ...rest }: Person) {
  return rest
}

const day = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * What the sqlmap targets post to. Almost every form a scanner sends
 * changes something, thousands of times: a task, a gate, a signature, a
 * finding's status. So they all work on an assessment of their own, and
 * forms that act on a person act on throwaway people, never on the
 * scanning users (an admin form that disables its target, a password
 * change that ends the other sessions).
 */
export async function createScanFixtures(
  db: Db,
  input: {
    run: string
    timeouts: { idleMinutes: number; absoluteHours: number }
    person: (role: Role, label?: string) => Promise<Person>
    admin: Person
    security: Person
  },
) {
  const { run, timeouts, person, admin, security } = input
  const now = Date.now()
  const slug = `scan-${run}`
  const assessmentId = seedPhase2(
    db,
    isoDay(now),
    new Date(now).toISOString(),
    {
      slug,
      name: `Scanned assessment ${run}`,
    },
  )

  // The engineer that admin, membership and sign-off policy forms act on.
  const spare = await person('engineer', 'spare')
  // Own two-factor and token forms: each scan replaces recovery codes and
  // adds tokens, none of which the scanning security user should lose.
  const account = await person('security', 'account')
  // The password form, posted with the current password as the new one so
  // that every request succeeds alike.
  const passwordOwner = await person('security', 'password')
  // The sign-in's second step needs a half-signed-in session of a user
  // with two-factor on.
  const secondFactor = await person('security', 'second-factor')

  // The admin settings form requires two-factor for admins; an admin who
  // has it set up keeps working while that form is scanned.
  for (const someone of [admin, secondFactor]) {
    startTotpSetup(db, someone.id, someone.email)
    enableTotp(db, { id: someone.id, label: someone.email })
  }
  const pendingSession = createSession(
    db,
    {
      userId: secondFactor.id,
      pendingSecondFactor: true,
      ipAddress: null,
      userAgent: 'prepare',
    },
    timeouts,
  )

  const findingIds = Object.fromEntries(
    db
      .select({ id: findings.id, reference: findings.reference })
      .from(findings)
      .where(eq(findings.assessmentId, assessmentId))
      .all()
      .map((row) => [row.reference, row.id]),
  )
  const phases = db
    .select({ id: planPhases.id })
    .from(planPhases)
    .where(eq(planPhases.assessmentId, assessmentId))
    .orderBy(asc(planPhases.id))
    .all()
  const tasks = db
    .select({ id: remediationTasks.id })
    .from(remediationTasks)
    .where(eq(remediationTasks.assessmentId, assessmentId))
    .orderBy(asc(remediationTasks.id))
    .all()
  const [editTask, moveTask, linkTask, ownTask] = tasks
  if (!phases[0] || !editTask || !moveTask || !linkTask || !ownTask)
    throw new Error('The seeded plan has fewer tasks than the scans need')
  // The own-status form is for a task's owner: the security user owns one.
  db.update(remediationTasks)
    .set({ ownerId: security.id })
    .where(eq(remediationTasks.id, ownTask.id))
    .run()
  const linked = db
    .select({ taskId: taskFindings.taskId, findingId: taskFindings.findingId })
    .from(taskFindings)
    .innerJoin(remediationTasks, eq(remediationTasks.id, taskFindings.taskId))
    .where(eq(remediationTasks.assessmentId, assessmentId))
    .get()
  if (!linked) throw new Error('The seeded plan links no finding to a task')

  const gateRows = db
    .select({ id: gates.id, type: gates.type })
    .from(gates)
    .where(and(eq(gates.assessmentId, assessmentId)))
    .orderBy(asc(gates.id))
    .all()
  const checklistGate = gateRows.find((gate) => gate.type === 'checklist')
  const ruleGate = gateRows.find((gate) => gate.type === 'rule')
  if (!checklistGate || !ruleGate)
    throw new Error('The seeded gates are missing')

  // Risk decisions need a pending request, one finding per decision form,
  // made by another security user: nobody approves their own request.
  const riskPending = ['P2-004', 'P2-005']
  for (const reference of riskPending) {
    const result = requestRiskAcceptance(
      db,
      account.user,
      findingIds[reference] ?? 0,
      {
        justification: 'Only reachable from the admin network.',
        compensatingControls: 'IP allow-list and alerting.',
        expiresOn: isoDay(now + 30 * day),
      },
    )
    if (!result.ok) throw new Error(`No risk request on ${reference}`)
  }

  // The verify and reopen forms need a fixed and a verified finding. The
  // fix is another security user's: nobody verifies their own.
  const moveTo = (reference: string, steps: [FindingStatus, SafeUser][]) => {
    steps.forEach(([to, actor], index) => {
      const result = changeFindingStatus(
        db,
        actor,
        findingIds[reference] ?? 0,
        index + 1,
        { to, note: 'Prepared for the scan', evidence: { commit: 'abcdef1' } },
      )
      if (!result.ok)
        throw new Error(`${reference} did not become ${to}: ${result.message}`)
    })
  }
  moveTo('P2-018', [['fixed', account.user]])
  moveTo('P2-019', [
    ['fixed', account.user],
    ['verified', security.user],
  ])

  // A stored evidence file, for the page that serves one by its id.
  const evidenceFinding = db
    .select()
    .from(findings)
    .where(eq(findings.id, findingIds['P2-016'] ?? 0))
    .get()
  if (!evidenceFinding) throw new Error('The seeded findings are missing')
  const bytes = new TextEncoder().encode('GET /api/comments answered 200\n')
  const evidenceFile = addEvidence(db, security.user, evidenceFinding, {
    kind: 'file',
    value: 'scan.txt',
    fileName: 'scan.txt',
    storedPath: saveEvidenceFile(bytes),
    mimeType: 'text/plain',
    sizeBytes: bytes.byteLength,
  })

  // The security user may sign; the share link is the auditor's way in.
  addSignOffRequirement(
    db,
    { assessmentId, userId: security.id, capacity: 'Security lead' },
    { actor: security.user },
  )
  // Two links: the revoke form scans one, the auditor's page the other.
  const [share, revocable] = ['Auditor', 'Former auditor'].map((label) =>
    createShareLink(
      db,
      {
        assessmentId,
        label: `${label} ${run}`,
        expiresAt: new Date(now + 30 * day),
      },
      { actor: security.user },
    ),
  )
  if (!share || !revocable) throw new Error('No share link was made')

  return {
    slug,
    assessmentId,
    findingIds,
    riskPending,
    phaseId: phases[0].id,
    tasks: {
      edit: editTask.id,
      move: moveTask.id,
      link: linkTask.id,
      own: ownTask.id,
    },
    linked,
    gates: { checklist: checklistGate.id, rule: ruleGate.id },
    evidenceId: evidenceFile.id,
    share: { token: share.token, revocableId: revocable.id },
    spare: withoutUser(spare),
    account: withoutUser(account),
    passwordOwner: withoutUser(passwordOwner),
    secondFactor: {
      ...withoutUser(secondFactor),
      pendingSession,
      pendingCsrf:
        findActiveSession(db, pendingSession, timeouts)?.csrfToken ?? '',
    },
  }
}
