import type { FindingStatus } from '~/domain/finding-status'
import { FormField, IntentForm } from './intent-form'

/**
 * The status moves the signed-in user may make from here. The loader
 * computes `available` from the transition table; the server checks the
 * same table again on submit.
 */
export function StatusForms({
  version,
  available,
  fixedByMe,
}: {
  version: number
  available: FindingStatus[]
  fixedByMe: boolean
}) {
  if (available.length === 0 && !fixedByMe) return null
  return (
    <section
      aria-labelledby="status-heading"
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <h3 id="status-heading" className="text-lg font-semibold">
        Change status
      </h3>
      {available.includes('in_progress') ? (
        <IntentForm
          intent="start-work"
          version={version}
          label="Start work"
          submitLabel="Start work"
        />
      ) : null}
      {available.includes('fixed') ? (
        <IntentForm
          intent="mark-fixed"
          version={version}
          label="Mark fixed"
          submitLabel="Mark fixed"
        >
          <p className="text-sm text-slate-700">
            Give at least one: a commit, a pull request, a release or a note.
          </p>
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
            <FormField
              intent="mark-fixed"
              name="commit"
              label="Commit"
              placeholder="a1b2c3d"
            />
            <FormField
              intent="mark-fixed"
              name="pullRequest"
              label="Pull request URL"
              type="url"
            />
            <FormField
              intent="mark-fixed"
              name="release"
              label="Release version"
            />
          </div>
          <FormField intent="mark-fixed" name="note" label="Note" multiline />
        </IntentForm>
      ) : null}
      {fixedByMe ? (
        <p className="rounded bg-slate-100 p-2 text-sm text-slate-800">
          You marked this fixed; another security team member must verify it.
        </p>
      ) : available.includes('verified') ? (
        <IntentForm
          intent="verify"
          version={version}
          label="Verify fix"
          submitLabel="Verify fix"
        >
          <FormField
            intent="verify"
            name="note"
            label="Retest note"
            multiline
            required
          />
        </IntentForm>
      ) : null}
      {available.includes('reopened') ? (
        <IntentForm
          intent="reopen"
          version={version}
          label="Reopen"
          submitLabel="Reopen"
        >
          <FormField
            intent="reopen"
            name="note"
            label="Reason for reopening"
            multiline
            required
          />
        </IntentForm>
      ) : null}
      {available.includes('false_positive') ? (
        <IntentForm
          intent="mark-false-positive"
          version={version}
          label="Mark false positive"
          submitLabel="Mark false positive"
        >
          <FormField
            intent="mark-false-positive"
            name="note"
            label="Why this is a false positive"
            multiline
            required
          />
        </IntentForm>
      ) : null}
    </section>
  )
}
