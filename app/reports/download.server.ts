import type { ExportedFile } from '~/models/report-export.server'

/**
 * The download answer. The file name is made by the server from the slug
 * and the day (see exportFileName), and is quoted plus given in RFC 5987
 * form, so no title can reach a header.
 */
export function downloadResponse(file: ExportedFile): Response {
  const name = file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Content-Digest': file.contentDigest,
    },
  })
}
