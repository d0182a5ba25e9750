import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ['tests/unit/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    // Each test file gets its own database; files run in parallel workers.
    pool: 'forks',
  },
})
