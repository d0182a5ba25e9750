import { execSync } from 'node:child_process'

/** The fault tests run the production build: build it when it is stale. */
export default function setup() {
  execSync('node scripts/build-if-needed.mjs', { stdio: 'inherit' })
}
