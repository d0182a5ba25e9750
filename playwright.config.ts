import fs from 'node:fs'
import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'

/**
 * Browser tests run against the production build on a throwaway database.
 * The test workers open the same database file to create users and
 * sessions directly, which keeps each test independent and fast.
 */
const port = Number(process.env.E2E_PORT ?? 3210)
const dataDir = path.resolve('.e2e-data')
process.env.DATABASE_PATH = path.join(dataDir, 'clearance.db')
process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`

// Debian's Chromium where it exists (CI and these machines); Playwright's
// own browser elsewhere.
const chromiumPath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ??
  (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: 'off',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: `rm -rf "${dataDir}" && tsx server/index.ts`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: process.env.DATABASE_PATH,
      LOGIN_LIMIT_PER_IP: '1000',
      LOG_LEVEL: 'warn',
    },
  },
})
