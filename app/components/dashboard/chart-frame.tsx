import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react'
import type { ChartSpec } from '~/components/charts/chart-types'

// Loaded only in the browser, after hydration: the verdict, figures and
// tables are server-rendered and usable before Recharts arrives.
const DashboardChart = lazy(() => import('~/components/charts/dashboard-chart'))

function Placeholder({ text }: { text: string }) {
  return (
    <div className="flex h-64 items-center justify-center rounded bg-slate-50 text-sm text-slate-600 print:hidden">
      {text}
    </div>
  )
}

function LazyChart({ spec }: { spec: ChartSpec }) {
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  if (!mounted) return <Placeholder text="Chart loads after the page…" />
  return (
    <Suspense fallback={<Placeholder text="Loading chart…" />}>
      <div className="h-64">
        <DashboardChart spec={spec} />
      </div>
    </Suspense>
  )
}

/**
 * A chart with its text alternative: a one-line summary that screen
 * readers get instead of the drawing, and the data as a table in a
 * `<details>` (opened for printing by the print stylesheet).
 */
export function ChartFrame({
  id,
  title,
  summary,
  spec,
  controls,
  children,
}: {
  id: string
  title: string
  summary: string
  spec: ChartSpec
  controls?: ReactNode
  children: ReactNode
}) {
  return (
    <section
      aria-labelledby={id}
      className="chart-frame min-w-0 rounded border border-slate-200 bg-white p-4 break-inside-avoid"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={id} className="font-semibold">
          {title}
        </h3>
        {controls}
      </div>
      <p className="mt-1 text-sm text-slate-700">{summary}</p>
      <div className="mt-2 print:hidden">
        <LazyChart spec={spec} />
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-sky-800 print:hidden">
          Data table: {title}
        </summary>
        <div className="mt-2">{children}</div>
      </details>
    </section>
  )
}

export function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string
  head: string[]
  rows: (string | number)[][]
}) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="text-left text-slate-600">
          {head.map((cell, index) => (
            <th
              key={cell}
              scope="col"
              className={`py-1 pr-2 ${index > 0 ? 'text-right' : ''}`}
            >
              {cell}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[0])} className="border-t border-slate-100">
            {row.map((cell, index) =>
              index === 0 ? (
                <th
                  key={index}
                  scope="row"
                  className="py-1 pr-2 text-left font-normal"
                >
                  {cell}
                </th>
              ) : (
                <td key={index} className="py-1 pr-2 text-right tabular-nums">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/**
 * Opens every data table while printing, for browsers that cannot style
 * a closed `<details>` open (`::details-content` is recent), and closes
 * again the ones the reader had not opened.
 */
export function useOpenTablesForPrint() {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = []
    const before = () => {
      opened = [
        ...document.querySelectorAll<HTMLDetailsElement>(
          '.chart-frame details',
        ),
      ].filter((details) => !details.open)
      for (const details of opened) details.open = true
    }
    const after = () => {
      for (const details of opened) details.open = false
      opened = []
    }
    window.addEventListener('beforeprint', before)
    window.addEventListener('afterprint', after)
    return () => {
      window.removeEventListener('beforeprint', before)
      window.removeEventListener('afterprint', after)
    }
  }, [])
}
