#!/usr/bin/env node
// Asks Clearance whether an assessment may ship, for a CI pipeline.
// Plain Node 18 or later, no dependencies. See docs/ci-gate.md.
//
// Exit codes: 0 ready, 1 not ready (or not signed off when required),
// 2 cannot tell (bad usage, unreachable, 401/403/404, bad answer, timeout).

import { parseArgs } from 'node:util'

const TIMEOUT_MS = 15_000
const EXIT = { ready: 0, notReady: 1, unknown: 2 }

const usage = `Usage: clearance-gate --url URL --assessment SLUG_OR_ID [options]

  --url URL             Clearance's address, e.g. https://clearance.example.com
                        (or CLEARANCE_URL)
  --assessment ID       the assessment's slug or numeric id
                        (or CLEARANCE_ASSESSMENT)
  --token TOKEN         API token with the readiness:read scope; prefer the
                        CLEARANCE_TOKEN environment variable, which stays out
                        of the process list and the job log
  --require-sign-off    also fail unless the assessment is signed off
  --json                print the result as JSON
  --help                show this help

Exit codes: 0 ready, 1 not ready, 2 cannot tell.`

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      assessment: { type: 'string' },
      token: { type: 'string' },
      'require-sign-off': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  })
  return {
    url: values.url ?? process.env.CLEARANCE_URL,
    assessment: values.assessment ?? process.env.CLEARANCE_ASSESSMENT,
    token: values.token ?? process.env.CLEARANCE_TOKEN,
    tokenOnCommandLine: values.token !== undefined,
    requireSignOff: values['require-sign-off'],
    json: values.json,
    help: values.help,
  }
}

class CannotTell extends Error {}

// The verdict is this command's output, written to stdout.
const print = (text) => process.stdout.write(`${text}\n`)

function checkAnswer(body) {
  const valid =
    body !== null &&
    typeof body === 'object' &&
    typeof body.ready === 'boolean' &&
    Array.isArray(body.gates) &&
    Array.isArray(body.failing) &&
    typeof body.signedOff === 'boolean' &&
    body.gates.every(
      (gate) =>
        gate &&
        typeof gate.name === 'string' &&
        typeof gate.passed === 'boolean' &&
        Array.isArray(gate.reasons),
    )
  if (!valid)
    throw new CannotTell('Clearance gave an answer of an unknown shape.')
  return body
}

async function askClearance({ url, assessment, token }) {
  let base
  try {
    base = new URL(url)
  } catch {
    throw new CannotTell(`Not a URL: ${url}`)
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new CannotTell('The URL must start with https:// or http://.')
  const path = `api/v1/assessments/${encodeURIComponent(assessment)}/readiness`
  const endpoint = new URL(path, base.href.endsWith('/') ? base : `${base}/`)
  let response
  try {
    response = await fetch(endpoint, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    const timedOut = error?.name === 'TimeoutError'
    throw new CannotTell(
      timedOut
        ? `Clearance did not answer within ${TIMEOUT_MS / 1000} seconds.`
        : `Could not reach Clearance at ${base.origin}: ${error?.cause?.code ?? error?.message ?? error}`,
    )
  }
  let body
  try {
    body = await response.json()
  } catch {
    throw new CannotTell(`Clearance answered ${response.status} without JSON.`)
  }
  if (!response.ok) {
    const message = body?.error?.message ?? 'no explanation given'
    throw new CannotTell(`Clearance answered ${response.status}: ${message}`)
  }
  return checkAnswer(body)
}

function describeReason(reason) {
  if (reason.kind === 'finding')
    return `${reason.reference} ${reason.title}: ${reason.detail}`
  if (reason.kind === 'task') return `task "${reason.title}": ${reason.detail}`
  return reason.detail
}

function report(answer, options) {
  const signOffMissing = options.requireSignOff && !answer.signedOff
  const exitCode = answer.ready && !signOffMissing ? EXIT.ready : EXIT.notReady
  if (options.json) {
    print(
      JSON.stringify(
        {
          result: exitCode === EXIT.ready ? 'ready' : 'not_ready',
          exitCode,
          ready: answer.ready,
          signedOff: answer.signedOff,
          signOffRequired: options.requireSignOff,
          failing: answer.failing,
          answer,
        },
        null,
        2,
      ),
    )
    return exitCode
  }
  const label = answer.assessment
    ? `${answer.assessment.name} (${answer.assessment.slug})`
    : options.assessment
  print(
    answer.ready
      ? `READY: ${label} passes every enabled gate.`
      : `NOT READY: ${label} fails ${answer.failing.length} gate(s).`,
  )
  for (const gate of answer.gates.filter(
    (g) => g.enabled !== false && !g.passed,
  )) {
    print(`  x ${gate.name}`)
    for (const reason of gate.reasons)
      print(`      - ${describeReason(reason)}`)
  }
  print(
    `Sign-off: ${answer.signedOff ? 'signed off' : 'not signed off'}${options.requireSignOff ? ' (required)' : ''}.`,
  )
  if (signOffMissing) print('NOT READY: the sign-off is required and missing.')
  return exitCode
}

async function main() {
  let options
  try {
    options = readOptions(process.argv.slice(2))
  } catch (error) {
    console.error(`${error.message}\n\n${usage}`)
    return EXIT.unknown
  }
  if (options.help) {
    print(usage)
    return EXIT.ready
  }
  if (options.tokenOnCommandLine)
    console.error(
      'Warning: --token puts the secret on the command line; prefer CLEARANCE_TOKEN.',
    )
  const missing = ['url', 'assessment', 'token'].filter((key) => !options[key])
  if (missing.length > 0) {
    console.error(`Missing: ${missing.join(', ')}.\n\n${usage}`)
    return EXIT.unknown
  }
  try {
    return report(await askClearance(options), options)
  } catch (error) {
    if (!(error instanceof CannotTell)) throw error
    if (options.json)
      print(
        JSON.stringify({
          result: 'unknown',
          exitCode: EXIT.unknown,
          error: error.message,
        }),
      )
    else console.error(`CANNOT TELL: ${error.message}`)
    return EXIT.unknown
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`CANNOT TELL: unexpected error: ${error?.stack ?? error}`)
    process.exit(EXIT.unknown)
  },
)
