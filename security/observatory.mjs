// Runs the MDN HTTP Observatory's own tests and grader against a URL with a
// port. Its `scan()` drops the port and path (it retrieves bare hostnames),
// so this wrapper calls its retriever with them and grades the same way.
// Usage: node security/observatory.mjs http://127.0.0.1:3000/login
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const target = new URL(process.argv[2] ?? '')
const packageDir = path.resolve(
  process.env.OBSERVATORY_DIR ??
    `${process.env.HOME}/.cache/clearance-security-tools/node_modules/@mdn/mdn-http-observatory`,
)
// Its install script downloads the HSTS preload list; installed with
// --ignore-scripts (no network) the list is absent. Loopback is never
// preloaded, so an empty list grades it the same.
const preload = path.join(packageDir, 'conf/hsts-preload.json')
if (!fs.existsSync(preload)) fs.writeFileSync(preload, '{}')
const load = (file) => import(pathToFileURL(path.join(packageDir, file)).href)
const { retrieve } = await load('src/retriever/retriever.js')
const { ALL_TESTS, NUM_TESTS } = await load('src/constants.js')
const grader = await load('src/grader/grader.js')
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load('src/grader/charts.js')

const retrieved = await retrieve(target.hostname, {
  httpPort: target.port,
  // No TLS listener here: the https retrieval is pointed at a closed port.
  httpsPort: '1',
  path: `${target.pathname}${target.search}`,
})
if (!retrieved.responses.auto) throw new Error(`${target} did not answer`)

let withExtraCredit = 100
let uncurved = 100
let passed = 0
const tests = {}
for (const test of ALL_TESTS) {
  const result = test(retrieved)
  if (result.result) {
    result.scoreModifier = grader.getScoreModifier(result.result)
    result.scoreDescription = grader.getScoreDescription(result.result)
    withExtraCredit += result.scoreModifier
    if (result.scoreModifier < 0) uncurved += result.scoreModifier
  }
  if (result.pass) passed += 1
  tests[result.constructor.name] = {
    pass: result.pass,
    result: result.result,
    scoreModifier: result.scoreModifier,
    description: result.scoreDescription,
  }
}
const score =
  uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved
const final = grader.getGradeForScore(score)
process.stdout.write(
  JSON.stringify(
    {
      target: String(target),
      status: retrieved.responses.auto.status,
      grade: final.grade,
      score: final.score,
      testsPassed: passed,
      testsQuantity: NUM_TESTS,
      tests,
    },
    null,
    2,
  ),
)
