import { Form } from '@remix-run/react'
import { CsrfInput } from './csrf-input'

export interface TokenRow {
  id: number
  name: string
  prefix: string
  ownerName?: string
  scopes: string[]
  expiresAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

function day(value: string | null) {
  return value ? value.slice(0, 16).replace('T', ' ') : 'never'
}

/** API tokens with their state and a revoke button for live ones. */
export function TokenTable({
  tokens,
  showOwner = false,
}: {
  tokens: TokenRow[]
  showOwner?: boolean
}) {
  if (tokens.length === 0)
    return <p className="mt-3 text-slate-700">No API tokens yet.</p>
  const now = new Date().toISOString()
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="min-w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="p-2">
              Name
            </th>
            {showOwner ? (
              <th scope="col" className="p-2">
                Owner
              </th>
            ) : null}
            <th scope="col" className="p-2">
              Starts with
            </th>
            <th scope="col" className="p-2">
              Scopes
            </th>
            <th scope="col" className="p-2">
              Expires (UTC)
            </th>
            <th scope="col" className="p-2">
              Last used (UTC)
            </th>
            <th scope="col" className="p-2">
              State
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const live = !token.revokedAt && token.expiresAt > now
            return (
              <tr key={token.id} className="border-b border-slate-200">
                <td className="p-2">{token.name}</td>
                {showOwner ? <td className="p-2">{token.ownerName}</td> : null}
                <td className="p-2 font-mono">{token.prefix}…</td>
                <td className="p-2">{token.scopes.join(', ')}</td>
                <td className="p-2">{day(token.expiresAt)}</td>
                <td className="p-2">{day(token.lastUsedAt)}</td>
                <td className="p-2">
                  {live ? (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="tokenId" value={token.id} />
                      <button
                        type="submit"
                        className="rounded border border-red-700 px-2 py-1 text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
                        aria-label={`Revoke ${token.name}`}
                      >
                        Revoke
                      </button>
                    </Form>
                  ) : token.revokedAt ? (
                    'revoked'
                  ) : (
                    'expired'
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
