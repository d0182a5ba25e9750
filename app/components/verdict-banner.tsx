import { Link } from '@remix-run/react'

/**
 * The readiness verdict, shown at the top of the overview, plan and gates
 * pages: ready only when every enabled gate passes, otherwise the failing
 * gates by name. Sign-off is a separate question and is not shown here.
 */
export function VerdictBanner({
  ready,
  failing,
  gatesHref,
}: {
  ready: boolean
  failing: string[]
  /** Where "see why" leads; omitted on the gates page itself. */
  gatesHref?: string
}) {
  return (
    <section
      aria-label="Production readiness"
      className={`rounded border-l-4 p-4 ${
        ready
          ? 'border-emerald-700 bg-emerald-50 text-emerald-950'
          : 'border-rose-700 bg-rose-50 text-rose-950'
      }`}
    >
      <p className="text-lg font-semibold">
        {ready
          ? 'Ready for production: every enabled gate passes.'
          : `Not ready for production: ${failing.length} ${
              failing.length === 1 ? 'gate fails' : 'gates fail'
            }.`}
      </p>
      {failing.length > 0 ? (
        <ul className="mt-2 list-inside list-disc text-sm">
          {failing.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      ) : null}
      {gatesHref ? (
        <p className="mt-2 text-sm">
          <Link to={gatesHref} className="font-medium underline">
            See every gate and its reasons
          </Link>
        </p>
      ) : null}
    </section>
  )
}
