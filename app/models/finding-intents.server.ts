import type { Db } from '#db/client.server'
import type { SelectAssessment } from '#db/schema/assessments'
import type { SelectFinding } from '#db/schema/findings'
import { FINDING_FORM_SCHEMAS } from '~/domain/finding-forms'
import type { FindingStatus } from '~/domain/finding-status'
import { checkTransition } from '~/domain/finding-workflow'
import { can, type Permission } from '~/domain/permissions'
import {
  addComment,
  addEvidence,
  changeFindingFields,
  changeSeverity,
  isAssignable,
} from './finding-activity.server'
import { uploadEvidence } from './finding-evidence.server'
import {
  decideRiskAcceptance,
  requestRiskAcceptance,
} from './finding-risk.server'
import {
  changeFindingStatus,
  type ChangeMeta,
  type ChangeResult,
  type WorkflowUser,
} from './finding-workflow.server'

/** What an action answers: enough for the form to show errors and keep input. */
export interface IntentOutcome {
  intent: string
  ok: boolean
  status: number
  message?: string
  fieldErrors?: Partial<Record<string, string>>
  values?: Record<string, string>
}

const STATUS_INTENTS: Record<
  string,
  { to: FindingStatus; permission: Permission }
> = {
  'start-work': { to: 'in_progress', permission: 'progress:finding' },
  'mark-fixed': { to: 'fixed', permission: 'fix:finding' },
  verify: { to: 'verified', permission: 'verify:finding' },
  reopen: { to: 'reopened', permission: 'reopen:finding' },
  'mark-false-positive': { to: 'false_positive', permission: 'verify:finding' },
}

const OTHER_PERMISSIONS: Record<string, Permission> = {
  'request-risk-acceptance': 'accept:risk',
  'approve-risk-acceptance': 'accept:risk',
  'reject-risk-acceptance': 'accept:risk',
  assign: 'assign:finding',
  'set-due-date': 'assign:finding',
  comment: 'comment:finding',
  'add-evidence': 'add:evidence',
  'upload-evidence': 'add:evidence',
  'set-ticket': 'progress:finding',
  'change-severity': 'change:severity',
  archive: 'edit:finding',
  'edit-details': 'edit:finding',
}

function formValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of form.entries())
    if (typeof value === 'string' && key !== 'csrf' && key !== 'version')
      values[key] = value
  return values
}

function fromResult(
  intent: string,
  result: ChangeResult,
  values: Record<string, string>,
): IntentOutcome {
  if (result.ok) return { intent, ok: true, status: 200 }
  const status =
    result.kind === 'conflict' ? 409 : result.kind === 'not_found' ? 404 : 400
  return {
    intent,
    ok: false,
    status,
    message: result.message,
    values,
    ...(result.kind === 'refused' && result.fieldErrors
      ? { fieldErrors: result.fieldErrors }
      : {}),
  }
}

export type IntentContext = {
  db: Db
  actor: WorkflowUser
  assessment: SelectAssessment
  finding: SelectFinding
  version: number
  meta: ChangeMeta
}

/**
 * Runs one intent of the finding page. The UI hides what the user may not
 * do; this is where it is enforced, for every intent.
 */
export async function runFindingIntent(
  context: IntentContext,
  form: FormData,
): Promise<IntentOutcome> {
  const intent = String(form.get('intent') ?? '')
  const values = formValues(form)
  const statusIntent = STATUS_INTENTS[intent]
  const permission = statusIntent?.permission ?? OTHER_PERMISSIONS[intent]
  if (!permission)
    return { intent, ok: false, status: 400, message: 'Unknown action', values }
  if (!can(context.actor, permission)) {
    const reason = statusIntent
      ? checkTransition(context.finding.status, statusIntent.to, context.actor)
      : null
    return {
      intent,
      ok: false,
      status: 403,
      values,
      message:
        reason && !reason.ok
          ? reason.message
          : 'You may not do this on a finding',
    }
  }
  const schemaKey = statusIntent
    ? 'status'
    : intent.endsWith('-risk-acceptance') &&
        intent !== 'request-risk-acceptance'
      ? 'decision'
      : (intent as keyof typeof FINDING_FORM_SCHEMAS)
  if (intent === 'upload-evidence') return uploadEvidence(context, form, values)
  if (
    !['comment', 'add-evidence'].includes(intent) &&
    !(Number.isInteger(context.version) && context.version > 0)
  )
    return {
      intent,
      ok: false,
      status: 400,
      values,
      message: 'This form is missing the finding version; reload the page',
    }
  const schema =
    FINDING_FORM_SCHEMAS[schemaKey as keyof typeof FINDING_FORM_SCHEMAS]
  const parsed = schema.safeParse(values)
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {}
    for (const issue of parsed.error.issues)
      fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message
    return {
      intent,
      ok: false,
      status: 400,
      message: 'Some fields need attention',
      fieldErrors,
      values,
    }
  }
  const result = runParsed(
    context,
    intent,
    parsed.data as Record<string, string | number | undefined>,
  )
  return fromResult(intent, result, values)
}

function runParsed(
  { db, actor, assessment, finding, version, meta }: IntentContext,
  intent: string,
  data: Record<string, string | number | undefined>,
): ChangeResult {
  const str = (key: string) =>
    typeof data[key] === 'string' ? (data[key] as string) : undefined
  const statusIntent = STATUS_INTENTS[intent]
  if (statusIntent)
    return changeFindingStatus(
      db,
      actor,
      finding.id,
      version,
      {
        to: statusIntent.to,
        note: str('note'),
        evidence: {
          commit: str('commit'),
          pullRequest: str('pullRequest'),
          release: str('release'),
          note: str('note'),
        },
      },
      meta,
    )
  switch (intent) {
    case 'request-risk-acceptance':
      return requestRiskAcceptance(
        db,
        actor,
        finding.id,
        {
          justification: str('justification') ?? '',
          compensatingControls: str('compensatingControls') ?? '',
          expiresOn: str('expiresOn') ?? '',
        },
        meta,
      )
    case 'approve-risk-acceptance':
    case 'reject-risk-acceptance':
      return decideRiskAcceptance(
        db,
        actor,
        finding.id,
        version,
        intent === 'approve-risk-acceptance' ? 'approve' : 'reject',
        str('note'),
        meta,
      )
    case 'assign': {
      const assigneeId =
        typeof data.assigneeId === 'number' ? data.assigneeId : null
      if (assigneeId !== null && !isAssignable(db, assessment.id, assigneeId))
        return {
          ok: false,
          kind: 'refused',
          message: 'This person cannot work on this assessment',
          fieldErrors: {
            assigneeId:
              'Choose an engineer or security user of this assessment',
          },
        }
      return changeFindingFields(
        db,
        actor,
        finding.id,
        version,
        { kind: 'assigned', values: { assigneeId } },
        meta,
      )
    }
    case 'set-due-date':
      return changeFindingFields(
        db,
        actor,
        finding.id,
        version,
        { kind: 'due_date', values: { dueOn: str('dueOn') || null } },
        meta,
      )
    case 'set-ticket':
      return changeFindingFields(
        db,
        actor,
        finding.id,
        version,
        { kind: 'edited', values: { externalTicket: str('ticket') || null } },
        meta,
      )
    case 'edit-details':
      return changeFindingFields(
        db,
        actor,
        finding.id,
        version,
        {
          kind: 'edited',
          values: {
            title: str('title') ?? finding.title,
            description: str('description') ?? '',
            impact: str('impact') ?? '',
            remediation: str('remediation') ?? '',
          },
        },
        meta,
      )
    case 'archive':
      return changeFindingFields(
        db,
        actor,
        finding.id,
        version,
        {
          kind: 'archived',
          values: {
            archivedAt: (meta.now ?? new Date()).toISOString(),
            archiveReason: str('reason') ?? '',
          },
          note: str('reason') ?? null,
        },
        meta,
      )
    case 'change-severity':
      return changeSeverity(db, actor, finding, version, data, meta)
    case 'comment':
      addComment(db, actor, finding, str('body') ?? '', meta)
      return { ok: true, finding }
    case 'add-evidence':
      addEvidence(
        db,
        actor,
        finding,
        { kind: 'link', value: str('url') ?? '' },
        meta,
      )
      return { ok: true, finding }
  }
  return { ok: false, kind: 'refused', message: 'Unknown action' }
}
