/**
 * The answer management came for: may this go to production? Not ready
 * names the failing gates (up to a handful, then a count), so the reader
 * knows what blocks it without opening anything.
 */
export function Verdict({
  ready,
  failing,
  gateCount,
}: {
  ready: boolean
  failing: string[]
  gateCount: number
}) {
  if (ready)
    return (
      <section
        aria-labelledby="verdict"
        className="rounded border-2 border-emerald-700 bg-emerald-50 p-3 text-emerald-950"
      >
        <h2 id="verdict" className="text-xl font-bold">
          Ready for production
        </h2>
        <p className="text-sm">
          All {gateCount} readiness gates pass. A sign-off may still be required
          before release.
        </p>
      </section>
    )
  const shown = failing.slice(0, 8)
  return (
    <section
      aria-labelledby="verdict"
      className="rounded border-2 border-rose-700 bg-rose-50 p-3 text-rose-950"
    >
      <h2 id="verdict" className="text-xl font-bold">
        Not ready for production: {failing.length} of {gateCount} gates fail
      </h2>
      <p className="mt-1 text-sm">
        <span className="font-semibold">Failing:</span> {shown.join(' · ')}
        {failing.length > shown.length
          ? ` · and ${failing.length - shown.length} more`
          : ''}
      </p>
    </section>
  )
}
