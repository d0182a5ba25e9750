import { Form, Link } from '@remix-run/react'
import { CsrfInput } from '~/components/csrf-input'
import type { GateReason } from '~/domain/gates'
import { RULE_KIND_LABELS } from '~/domain/gate-forms'
import type { GateRuleKind } from '#db/schema/gates'
import type { GateActionData } from '~/utils/gate-actions.server'

export interface GateCardView {
  id: number
  name: string
  description: string
  type: 'rule' | 'checklist'
  ruleKind: GateRuleKind | null
  params: { severity?: string; phaseId?: number; statuses?: string[] }
  enabled: boolean
  passed: boolean
  reasons: GateReason[]
  checkedBy: string | null
  checkedAt: string | null
  checkNote: string | null
}

const smallButton =
  'rounded border border-slate-400 bg-white px-2 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500'

function describeParams(
  gate: GateCardView,
  phaseNames: Map<number, string>,
): string | null {
  if (gate.type !== 'rule' || !gate.ruleKind) return null
  const parts = [RULE_KIND_LABELS[gate.ruleKind]]
  if (gate.params.severity) parts.push(`severity: ${gate.params.severity}`)
  if (gate.params.statuses)
    parts.push(`resolved means: ${gate.params.statuses.join(', ')}`)
  if (gate.params.phaseId !== undefined)
    parts.push(`phase: ${phaseNames.get(gate.params.phaseId) ?? 'removed'}`)
  return parts.join(' · ')
}

function formatTime(iso: string) {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`
}

/** One gate: passed or failed, why, and the controls the user may use. */
export function GateCard({
  gate,
  slug,
  canEdit,
  canCheck,
  phaseNames,
  actionData,
}: {
  gate: GateCardView
  slug: string
  canEdit: boolean
  canCheck: boolean
  phaseNames: Map<number, string>
  actionData: GateActionData | undefined
}) {
  const titleId = `gate-${gate.id}-name`
  const mine = actionData?.gateId === gate.id ? actionData : undefined
  const noteError = mine && !mine.ok ? mine.errors.note : undefined
  const state = !gate.enabled
    ? { label: 'Disabled', style: 'bg-slate-200 text-slate-800' }
    : gate.passed
      ? { label: 'Passed', style: 'bg-emerald-100 text-emerald-900' }
      : { label: 'Failed', style: 'bg-rose-700 text-white' }
  const rule = describeParams(gate, phaseNames)
  return (
    <article
      aria-labelledby={titleId}
      className="rounded border border-slate-200 bg-white p-3"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={titleId} className="font-semibold">
          {gate.name}
        </h3>
        <span
          className={`rounded px-2 py-0.5 text-xs font-semibold ${state.style}`}
        >
          {state.label}
        </span>
      </div>
      {gate.description ? (
        <p className="mt-1 text-sm text-slate-800">{gate.description}</p>
      ) : null}
      {rule ? <p className="mt-1 text-xs text-slate-600">{rule}</p> : null}
      {gate.checkedAt ? (
        <p className="mt-2 text-sm">
          Checked by {gate.checkedBy ?? 'a former user'} at{' '}
          {formatTime(gate.checkedAt)}: {gate.checkNote}
        </p>
      ) : null}
      {gate.reasons.length > 0 ? (
        <ul className="mt-2 list-inside list-disc text-sm" aria-label="Reasons">
          {gate.reasons.map((reason, index) => (
            <li key={`${reason.kind}-${index}`}>
              {reason.kind === 'finding' ? (
                <Link
                  to={`/assessments/${slug}/findings/${reason.reference}`}
                  className="text-sky-800 underline"
                >
                  {reason.reference} {reason.title}
                </Link>
              ) : reason.kind === 'task' ? (
                <Link
                  to={`/assessments/${slug}/plan#task-${reason.id}`}
                  className="text-sky-800 underline"
                >
                  Task: {reason.title}
                </Link>
              ) : null}
              {reason.kind === 'checklist' ? '' : ': '}
              {reason.detail}
            </li>
          ))}
        </ul>
      ) : null}
      {mine ? (
        <p
          role={mine.ok ? 'status' : 'alert'}
          className={`mt-2 text-sm ${mine.ok ? 'text-emerald-800' : 'text-red-800'}`}
        >
          {mine.message}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap items-end gap-2">
        {canEdit ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="toggle-gate" />
            <input type="hidden" name="gateId" value={gate.id} />
            <input
              type="hidden"
              name="enabled"
              value={gate.enabled ? 'false' : 'true'}
            />
            <button type="submit" className={smallButton}>
              {gate.enabled ? 'Disable' : 'Enable'}
              <span className="sr-only"> {gate.name}</span>
            </button>
          </Form>
        ) : null}
        {canCheck && gate.type === 'checklist' && gate.checkedAt ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="uncheck-gate" />
            <input type="hidden" name="gateId" value={gate.id} />
            <button type="submit" className={smallButton}>
              Untick
              <span className="sr-only"> {gate.name}</span>
            </button>
          </Form>
        ) : null}
        {canCheck && gate.type === 'checklist' && !gate.checkedAt ? (
          <Form method="post" className="flex w-full flex-col gap-1" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="check-gate" />
            <input type="hidden" name="gateId" value={gate.id} />
            <label
              htmlFor={`gate-${gate.id}-note`}
              className="text-sm font-medium"
            >
              Note for {gate.name}
            </label>
            <textarea
              id={`gate-${gate.id}-note`}
              name="note"
              rows={2}
              required
              defaultValue={mine && !mine.ok ? mine.values.note : ''}
              aria-invalid={noteError ? true : undefined}
              aria-describedby={
                noteError ? `gate-${gate.id}-note-error` : undefined
              }
              className="rounded border border-slate-400 px-2 py-1.5 text-sm aria-[invalid]:border-red-700"
            />
            {noteError ? (
              <p
                id={`gate-${gate.id}-note-error`}
                className="text-sm text-red-800"
              >
                {noteError}
              </p>
            ) : null}
            <button type="submit" className={`${smallButton} self-start`}>
              Mark as checked
              <span className="sr-only"> {gate.name}</span>
            </button>
          </Form>
        ) : null}
      </div>
    </article>
  )
}
