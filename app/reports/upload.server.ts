import {
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
} from '@remix-run/node'

/**
 * Keeps an uploaded file in memory up to `maxBytes`; parsing throws past
 * that, and the route answers 413 with the limit in words.
 */
export function readUpload(maxBytes: number) {
  return unstable_composeUploadHandlers(
    unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }),
  )
}
