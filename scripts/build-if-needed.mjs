// Builds the app when there is no build yet, or when a source file is newer
// than the build, so `npm start` works on a fresh clone and after a pull.
import { execSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const buildMarker = path.resolve('build/server/index.js')
const sources = ['app', 'vite.config.ts', 'package-lock.json']

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

const builtAt = fs.existsSync(buildMarker)
  ? fs.statSync(buildMarker).mtimeMs
  : 0
const changedAt = Math.max(...sources.map(newestMtime))
if (builtAt < changedAt) {
  process.stdout.write(
    'Building Clearance (sources changed since the last build)...\n',
  )
  execSync('npx remix vite:build', { stdio: 'inherit' })
}
