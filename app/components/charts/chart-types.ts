import type { TimelineRow } from '~/domain/forecast'

/**
 * What each chart draws. Kept apart from the Recharts code so the page can
 * build these (and their tables) without loading the chart library.
 */
export type ChartSpec =
  | {
      kind: 'burndown'
      rows: TimelineRow[]
      weighted: boolean
      today: string
      earlyMark: string
      deadline: string
    }
  | {
      kind: 'severity'
      rows: { label: string; open: number; verified: number }[]
    }
  | {
      kind: 'phases'
      rows: { name: string; done: number; doing: number; todo: number }[]
    }
  | {
      kind: 'owasp'
      rows: { code: string; name: string; total: number; open: number }[]
    }
  | {
      kind: 'risk'
      rows: { day: string; weighted: number | null }[]
      weights: string
    }

/** Reserved chart height in pixels, matched by the placeholder's class. */
export const CHART_HEIGHT = 256
