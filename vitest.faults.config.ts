import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'

/**
 * The fault tests start real servers (the production build), kill them,
 * fill their disks and race them. One file at a time: they are heavy, and
 * the machine is small.
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/faults/global-setup.ts'],
  },
})
