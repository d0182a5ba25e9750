import type { Db } from '#db/client.server'
import { loadReadinessAnswer } from '~/models/readiness.server'
import { IMPORT_SLUG, LARGE_SLUG, SMALL_SLUG } from '../dataset/dataset'
import type { BenchCredentials } from './credentials'
import {
  auth,
  findingFloor,
  findingsListFloor,
  readinessFloor,
  type Floor,
  type FloorContext,
} from './floors'
import { executiveDashboardFloor } from './floors-dashboard'
import { portfolioDashboardFloor, portfolioFloor } from './floors-portfolio'
import { OVERHEAD_GOAL, STATUS_CHANGE_GOAL, type Goal } from './goals'
import type { HttpRequest } from './measure'
import { makeSarif } from './sarif'
import { statusChangeFloor } from './writes'

export interface TargetContext {
  credentials: BenchCredentials
  floor: FloorContext
  db: Db
  largeId: number
  /** Results per SARIF import (10,000; fewer in the smoke run). */
  importSize: number
  /** A finding in the middle of the large assessment. */
  sampleReference: string
  /** Open findings of the large assessment, for writes: each used once. */
  takeOpenFinding: () => string
}

export interface Target {
  name: string
  /** The target for this measurement (see goals.ts). */
  goal: Goal
  /** Few iterations, and the probe request as the only warm-up. */
  heavy?: boolean
  /** Warm-up runs instead of the default (0 where each run adds data). */
  warmup?: number
  http?: (context: TargetContext) => HttpRequest
  /** Tried when `http` answers 404: the same work behind another route. */
  fallback?: (context: TargetContext) => HttpRequest
  inProcess?: (context: TargetContext) => () => void
  floor?: (context: TargetContext) => Floor
}

const page =
  (path: string) =>
  (context: TargetContext): HttpRequest => ({
    method: 'GET',
    path,
    headers: { Cookie: context.credentials.cookie, Accept: 'text/html' },
  })
const api =
  (path: string) =>
  (context: TargetContext): HttpRequest => ({
    method: 'GET',
    path,
    headers: {
      Authorization: context.credentials.bearer,
      Accept: 'application/json',
    },
  })

/** An open finding no run has touched yet, with its current version. */
function nextOpenFinding(context: TargetContext) {
  const reference = context.takeOpenFinding()
  const row = context.floor.sqlite
    .prepare(
      'select version from findings where assessment_id = ? and reference = ?',
    )
    .get(context.largeId, reference) as { version: number }
  return { reference, version: row.version }
}

const filtered = {
  slug: LARGE_SLUG,
  severities: ['critical', 'high'],
  openOnly: true,
  page: 2,
  pageSize: 50,
}
const deepPage = {
  slug: LARGE_SLUG,
  severities: [],
  openOnly: false,
  page: 20,
  pageSize: 50,
}

/**
 * Every benchmark target, one entry each. A target whose route is not in
 * this build answers 404 and is reported as not available, never faked.
 */
let importRun = 0

export const TARGETS: Target[] = [
  {
    name: 'Findings list, filtered, page 2 (2,000-finding assessment)',
    goal: OVERHEAD_GOAL,
    http: page(
      `/assessments/${LARGE_SLUG}/findings?severity=critical&severity=high&status=open_any&page=2`,
    ),
    floor: (context) => findingsListFloor(context.floor, filtered),
  },
  {
    name: 'Findings list, unfiltered, page 20 (2,000-finding assessment)',
    goal: OVERHEAD_GOAL,
    http: page(`/assessments/${LARGE_SLUG}/findings?page=20`),
    floor: (context) => findingsListFloor(context.floor, deepPage),
  },
  {
    // Not one of the pages: the fixed cost every signed-in HTML
    // page pays (session, layout, React, Remix, compression), against a
    // floor of the session lookup alone.
    name: 'Verify page (no data: the fixed cost of a page)',
    goal: OVERHEAD_GOAL,
    http: page('/verify'),
    floor: (context) => {
      const { session } = auth(context.floor)
      return () => session()
    },
  },
  {
    name: 'Finding page',
    goal: OVERHEAD_GOAL,
    http: (context) =>
      page(`/assessments/${LARGE_SLUG}/findings/${context.sampleReference}`)(
        context,
      ),
    floor: (context) =>
      findingFloor(context.floor, LARGE_SLUG, context.sampleReference),
  },
  {
    name: 'Assessments list, first page of 25 (500 assessments, 100k findings)',
    goal: OVERHEAD_GOAL,
    http: page('/assessments'),
    floor: (context) => portfolioFloor(context.floor),
  },
  {
    name: 'Portfolio dashboard /dashboard, first page of 25',
    goal: OVERHEAD_GOAL,
    http: page('/dashboard'),
    floor: (context) => portfolioDashboardFloor(context.floor),
  },
  {
    name: 'Readiness model, in process (2,000 findings)',
    goal: OVERHEAD_GOAL,
    inProcess: (context) => () =>
      loadReadinessAnswer(context.db, context.largeId),
    floor: (context) => readinessFloor(context.floor, LARGE_SLUG),
  },
  {
    name: 'Readiness API (2,000 findings)',
    goal: OVERHEAD_GOAL,
    http: api(`/api/v1/assessments/${LARGE_SLUG}/readiness`),
    floor: (context) => readinessFloor(context.floor, LARGE_SLUG, 'token'),
  },
  {
    name: 'Findings list API, open, page 1',
    goal: OVERHEAD_GOAL,
    http: api(`/api/v1/assessments/${LARGE_SLUG}/findings?status=open_any`),
    floor: (context) =>
      findingsListFloor(
        context.floor,
        { ...filtered, severities: [], page: 1 },
        'token',
      ),
  },
  {
    name: 'Status change API (with history and audit)',
    goal: STATUS_CHANGE_GOAL,
    http: (context) => {
      const { reference, version } = nextOpenFinding(context)
      return {
        method: 'POST',
        path: `/api/v1/assessments/${LARGE_SLUG}/findings/${reference}/status`,
        headers: {
          Authorization: context.credentials.bearer,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          status: 'in_progress',
          version,
          note: 'Started by the benchmark.',
        }),
      }
    },
    // Without the API: the finding page's "start work" form.
    fallback: (context) => {
      const { reference, version } = nextOpenFinding(context)
      return {
        method: 'POST',
        path: `/assessments/${LARGE_SLUG}/findings/${reference}`,
        headers: {
          Cookie: context.credentials.cookie,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          intent: 'start-work',
          version: String(version),
          note: 'Started by the benchmark.',
          csrf: context.credentials.csrf,
        }).toString(),
      }
    },
    floor: (context) =>
      statusChangeFloor(
        context.floor,
        context.largeId,
        context.takeOpenFinding,
      ),
  },
  {
    name: 'Executive dashboard (2,000 findings)',
    goal: OVERHEAD_GOAL,
    http: page(`/assessments/${LARGE_SLUG}/dashboard`),
    floor: (context) => executiveDashboardFloor(context.floor, LARGE_SLUG),
  },
  {
    name: 'Sign-off PDF, 19 findings',
    goal: { medianMs: 1500 },
    heavy: true,
    http: api(`/api/v1/assessments/${SMALL_SLUG}/report.pdf`),
    fallback: page(`/assessments/${SMALL_SLUG}/reports/pdf`),
  },
  {
    name: 'Sign-off PDF, 2,000 findings',
    goal: { medianMs: 10_000 },
    heavy: true,
    http: api(`/api/v1/assessments/${LARGE_SLUG}/report.pdf`),
    fallback: page(`/assessments/${LARGE_SLUG}/reports/pdf`),
  },
  {
    name: 'SARIF import, 10,000 results (new findings)',
    goal: { medianMs: 5_000 },
    heavy: true,
    warmup: 0,
    http: (context) => ({
      method: 'POST',
      path: `/api/v1/assessments/${IMPORT_SLUG}/import`,
      headers: {
        Authorization: context.credentials.bearer,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        format: 'sarif',
        content: makeSarif(
          context.importSize,
          `run${Date.now()}-${importRun++}`,
        ),
      }),
    }),
  },
]
