// The PDF worker thread starts here: Node does not run TypeScript by
// itself, and a worker does not inherit the parent's tsx loader, so the
// loader is registered first and the TypeScript entry imported after it.
import { register } from 'tsx/esm/api'

register()
await import('./pdf-worker.ts')
