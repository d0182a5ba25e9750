import { FormField, IntentForm } from './intent-form'

export interface PendingAcceptance {
  id: number
  justification: string
  compensatingControls: string
  expiresOn: string
  requestedById: number
  requestedByName: string
  createdAt: string
}

/**
 * Request, then approval by a different security user. Whoever requested
 * sees the request but no approve button; the server refuses it anyway.
 */
export function RiskAcceptance({
  version,
  canRequest,
  canDecide,
  pending,
  userId,
  maxExpiry,
}: {
  version: number
  canRequest: boolean
  canDecide: boolean
  pending: PendingAcceptance | null
  userId: number
  maxExpiry: string
}) {
  if (!pending && !canRequest) return null
  return (
    <section
      aria-labelledby="risk-heading"
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <h3 id="risk-heading" className="text-lg font-semibold">
        Risk acceptance
      </h3>
      {pending ? (
        <div className="space-y-2 text-sm">
          <p>
            <strong>{pending.requestedByName}</strong> asked to accept this risk
            until <strong>{pending.expiresOn}</strong>.
          </p>
          <p>
            <span className="font-medium">Justification:</span>{' '}
            {pending.justification}
          </p>
          <p>
            <span className="font-medium">Compensating controls:</span>{' '}
            {pending.compensatingControls}
          </p>
          {canDecide && pending.requestedById !== userId ? (
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
              <IntentForm
                intent="approve-risk-acceptance"
                version={version}
                label="Approve risk acceptance"
                submitLabel="Approve risk acceptance"
              />
              <IntentForm
                intent="reject-risk-acceptance"
                version={version}
                label="Reject risk acceptance"
                submitLabel="Reject risk acceptance"
              >
                <FormField
                  intent="reject-risk-acceptance"
                  name="note"
                  label="Reason for rejecting"
                />
              </IntentForm>
            </div>
          ) : canDecide ? (
            <>
              <p className="rounded bg-slate-100 p-2">
                You requested this; another security team member must approve
                it.
              </p>
              <IntentForm
                intent="reject-risk-acceptance"
                version={version}
                label="Withdraw risk acceptance request"
                submitLabel="Withdraw request"
              />
            </>
          ) : null}
        </div>
      ) : (
        <IntentForm
          intent="request-risk-acceptance"
          version={version}
          label="Request risk acceptance"
          submitLabel="Request risk acceptance"
        >
          <FormField
            intent="request-risk-acceptance"
            name="justification"
            label="Justification"
            multiline
            required
          />
          <FormField
            intent="request-risk-acceptance"
            name="compensatingControls"
            label="Compensating controls"
            multiline
            required
          />
          <FormField
            intent="request-risk-acceptance"
            name="expiresOn"
            label="Expires on"
            type="date"
            required
            hint={`At most one year away (${maxExpiry}).`}
          />
        </IntentForm>
      )}
    </section>
  )
}
