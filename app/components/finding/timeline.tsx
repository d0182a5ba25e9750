import { Markdown } from '~/components/markdown'
import {
  FINDING_STATUS_LABELS,
  type FindingStatus,
} from '~/domain/finding-status'
import type { TimelineEntry } from '~/models/finding-history.server'
import { FormField, IntentForm } from './intent-form'

const KIND_LABELS: Record<string, string> = {
  created: 'created the finding',
  assigned: 'changed the assignee',
  due_date: 'changed the due date',
  severity: 'changed the severity',
  edited: 'edited the finding',
  evidence: 'added evidence',
  archived: 'archived the finding',
  risk_acceptance: 'risk acceptance',
  comment: 'commented',
}

function describe(entry: TimelineEntry) {
  if (entry.kind === 'status' && entry.fromStatus && entry.toStatus)
    return `${FINDING_STATUS_LABELS[entry.fromStatus as FindingStatus]} → ${
      FINDING_STATUS_LABELS[entry.toStatus as FindingStatus]
    }`
  return KIND_LABELS[entry.kind] ?? entry.kind
}

function formatChanges(changes: TimelineEntry['changes']) {
  if (!changes) return null
  return Object.entries(changes)
    .map(
      ([field, { from, to }]) =>
        `${field}: ${String(from ?? '—')} → ${String(to ?? '—')}`,
    )
    .join('; ')
}

/** Every status change, edit and comment, oldest first, with the comment box. */
export function Timeline({
  entries,
  version,
  canComment,
}: {
  entries: TimelineEntry[]
  version: number
  canComment: boolean
}) {
  return (
    <section
      aria-labelledby="timeline-heading"
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <h3 id="timeline-heading" className="text-lg font-semibold">
        Timeline
      </h3>
      {entries.length === 0 ? (
        <p className="text-slate-700">Nothing has happened yet.</p>
      ) : (
        <ol className="space-y-3">
          {entries.map((entry) => (
            <li
              key={entry.key}
              className="border-l-2 border-slate-300 pl-3 text-sm"
            >
              <p>
                <span className="font-medium">{entry.actorName}</span>{' '}
                <span className="text-slate-800">{describe(entry)}</span>{' '}
                <time dateTime={entry.at} className="text-slate-600">
                  {entry.at.slice(0, 16).replace('T', ' ')} UTC
                </time>
              </p>
              {entry.kind === 'comment' && entry.note ? (
                <div className="mt-1">
                  <Markdown>{entry.note}</Markdown>
                </div>
              ) : entry.note ? (
                <p className="mt-1 whitespace-pre-line text-slate-800">
                  {entry.note}
                </p>
              ) : null}
              {entry.kind !== 'status' && formatChanges(entry.changes) ? (
                <p className="mt-1 text-xs text-slate-600">
                  {formatChanges(entry.changes)}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {canComment ? (
        <IntentForm
          intent="comment"
          version={version}
          label="Add a comment"
          submitLabel="Add comment"
        >
          <FormField
            intent="comment"
            name="body"
            label="Comment"
            multiline
            required
            hint="Markdown; raw HTML is shown as text."
          />
        </IntentForm>
      ) : null}
    </section>
  )
}
