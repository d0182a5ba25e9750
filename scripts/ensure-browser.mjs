// Browser tests use Debian's Chromium (Playwright cannot download its own
// browser on machines without general internet access). When it is missing
// and we are root with apt-get, install it; otherwise say what to do.
import { execSync } from 'node:child_process'
import fs from 'node:fs'

const chromium = '/usr/bin/chromium'
if (!fs.existsSync(chromium) && !process.env.PLAYWRIGHT_CHROMIUM_PATH) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    process.stdout.write(
      'Installing Debian chromium for the browser tests...\n',
    )
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      {
        stdio: 'inherit',
      },
    )
  } else {
    process.stdout.write(
      'No /usr/bin/chromium: install it (apt-get install chromium), set PLAYWRIGHT_CHROMIUM_PATH, or run `npx playwright install chromium` where downloads work.\n',
    )
  }
}
