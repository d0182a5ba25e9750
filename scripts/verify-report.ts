/**
 * npm run verify-report -- <file | digest>
 *
 * Answers whether Clearance produced a report file (or a report with this
 * digest), who exported it and when, and whether the assessment changed
 * since. Exit code 0 when recognised (the exact bytes of an export, or a
 * content digest Clearance exported), 1 when not recognised or when the
 * file names a known digest but its bytes were altered, 2 on a usage
 * error. A changed assessment is reported but still exits 0: the file is
 * genuine, only no longer current.
 */
import fs from 'node:fs'
import { getDb } from '#db/client.server'
import { verifyReport } from '~/models/report-export.server'

const argument = process.argv[2]
if (!argument) {
  process.stderr.write('Usage: npm run verify-report -- <file | sha256>\n')
  process.exit(2)
}

const input = /^[0-9a-fA-F]{64}$/.test(argument)
  ? { digest: argument }
  : fs.existsSync(argument)
    ? { bytes: new Uint8Array(fs.readFileSync(argument)) }
    : null
if (!input) {
  process.stderr.write(`No such file, and not a 64-hex digest: ${argument}\n`)
  process.exit(2)
}

const databasePath = process.env.DATABASE_PATH ?? './data/clearance.db'
if (!fs.existsSync(databasePath)) {
  process.stderr.write(`No database at ${databasePath}; set DATABASE_PATH.\n`)
  process.exit(2)
}

const result = verifyReport(getDb(), input)
const first = result.exports[0]
if (result.match === 'none' || !first) {
  process.stdout.write('NOT RECOGNISED: Clearance has no record of it.\n')
  process.exit(1)
}
const lines = [
  result.match === 'file'
    ? 'PRODUCED BY CLEARANCE: these exact bytes were exported.'
    : 'digest' in input
      ? 'KNOWN CONTENT DIGEST: Clearance exported a report with this content.'
      : 'ALTERED FILE: it names a content digest Clearance exported, but its bytes match no recorded export.',
  `Assessment: ${first.assessmentName} (${first.assessmentSlug})`,
  `Exported: ${first.format} by ${first.exportedBy ?? 'an auditor link'} at ${first.exportedAt}`,
  `Content digest: ${first.contentDigest}`,
  result.changedSince
    ? `CHANGED SINCE: the assessment's content digest is now ${result.currentDigest}`
    : 'UNCHANGED: the assessment still has this content digest.',
]
process.stdout.write(`${lines.join('\n')}\n`)
const altered = result.match !== 'file' && !('digest' in input)
if (altered) process.exit(1)
