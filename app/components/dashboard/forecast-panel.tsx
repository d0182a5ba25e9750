import type { Forecast, TargetWindow } from '~/domain/forecast'

const tones = {
  ahead: 'border-emerald-700 bg-emerald-50 text-emerald-950',
  within: 'border-amber-600 bg-amber-50 text-amber-950',
  late: 'border-rose-700 bg-rose-50 text-rose-950',
  unknown: 'border-slate-300 bg-white text-slate-900',
}

function headline(forecast: Forecast, window: TargetWindow): string {
  switch (forecast.kind) {
    case 'done':
      return 'All findings closed'
    case 'insufficient':
      return 'Too early to forecast'
    case 'stalled':
      return 'Stalled: no projected date'
    case 'projected':
      if (forecast.standing === 'ahead')
        return `Projected ${forecast.projectedOn}: ahead of the ${window.weeksMin}-week mark`
      if (forecast.standing === 'within')
        return `Projected ${forecast.projectedOn}: within the ${window.weeksMin}-${window.weeksMax} week window`
      return `Projected ${forecast.projectedOn}: past the ${window.weeksMax}-week deadline`
  }
}

/** When will it be ready, against the target window, in one box. */
export function ForecastPanel({
  forecast,
  sentence,
  window,
}: {
  forecast: Forecast
  sentence: string
  window: TargetWindow
}) {
  const tone =
    forecast.kind === 'projected'
      ? tones[forecast.standing]
      : forecast.kind === 'done'
        ? tones.ahead
        : forecast.kind === 'stalled'
          ? tones.late
          : tones.unknown
  return (
    <section
      aria-labelledby="forecast-heading"
      className={`rounded border-l-4 p-3 ${tone}`}
    >
      <h2 id="forecast-heading" className="font-semibold">
        Forecast: {headline(forecast, window)}
      </h2>
      <p className="text-sm">{sentence}</p>
      <p className="text-xs">
        Target: {window.weeksMin} weeks ({window.earlyMark}) to{' '}
        {window.weeksMax} weeks ({window.deadline}) from the start on{' '}
        {window.start}.
      </p>
    </section>
  )
}
