import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

const serverOnlyPackages = [
  'better-sqlite3',
  '@node-rs/argon2',
  '@react-pdf/renderer',
  'ae-cvss-calculator',
  'pino',
  'rate-limiter-flexible',
]

export default defineConfig({
  server: {
    // The database and uploads live in ./data; WAL writes there must not
    // trigger reloads of the dev server.
    watch: { ignored: ['**/data/**', '**/test-results/**', '**/bench/out/**'] },
  },
  optimizeDeps: {
    include: ['recharts', 'react-markdown', 'remark-gfm', 'rehype-highlight'],
    exclude: serverOnlyPackages,
  },
  ssr: { external: serverOnlyPackages },
  build: { sourcemap: false },
  plugins: [
    tailwindcss(),
    remix({
      ignoredRouteFiles: ['**/*.test.*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths(),
  ],
})
