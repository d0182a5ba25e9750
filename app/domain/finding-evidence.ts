/**
 * Evidence uploads: a small allow-list, checked by both the file's first
 * bytes and its extension, so a script renamed to .png or an HTML page
 * renamed to .txt is refused. Files are always served as downloads.
 */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

export const EVIDENCE_TYPES = {
  png: { mimeType: 'image/png', extensions: ['png'] },
  jpeg: { mimeType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  pdf: { mimeType: 'application/pdf', extensions: ['pdf'] },
  txt: { mimeType: 'text/plain', extensions: ['txt', 'log'] },
  json: { mimeType: 'application/json', extensions: ['json'] },
} as const
export type EvidenceType = keyof typeof EVIDENCE_TYPES

function startsWith(bytes: Uint8Array, signature: number[]) {
  return signature.every((byte, index) => bytes[index] === byte)
}

function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** The type the content shows, whatever the name says; null if none fits. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return 'png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'
  if (!isUtf8Text(bytes)) return null
  const text = new TextDecoder().decode(bytes).trim()
  if (/^[[{]/.test(text))
    try {
      JSON.parse(text)
      return 'json'
    } catch {
      return 'txt'
    }
  return 'txt'
}

export type EvidenceFileCheck =
  | { ok: true; type: EvidenceType; mimeType: string; extension: string }
  | { ok: false; message: string }

export function checkEvidenceFile(
  fileName: string,
  bytes: Uint8Array,
): EvidenceFileCheck {
  if (bytes.byteLength === 0) return { ok: false, message: 'The file is empty' }
  if (bytes.byteLength > MAX_EVIDENCE_BYTES)
    return { ok: false, message: 'Files may be 10 MB at most' }
  const extension = /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase()
  const sniffed = sniffEvidenceType(bytes)
  if (!extension || !sniffed)
    return {
      ok: false,
      message: 'Upload a PNG, JPEG, PDF, text or JSON file',
    }
  const allowed = EVIDENCE_TYPES[sniffed].extensions as readonly string[]
  // A JSON file saved as .txt is still plain text; anything else must match.
  const textAsTxt = sniffed === 'json' && extension === 'txt'
  if (!allowed.includes(extension) && !textAsTxt)
    return {
      ok: false,
      message: `The file's content is ${sniffed.toUpperCase()} but its name ends in .${extension}`,
    }
  const type = textAsTxt ? 'txt' : sniffed
  return {
    ok: true,
    type,
    mimeType: EVIDENCE_TYPES[type].mimeType,
    extension: EVIDENCE_TYPES[type].extensions[0],
  }
}

/** Jira keys (ABC-123) or GitHub issue and pull request URLs. */
export function isExternalTicket(value: string): boolean {
  return (
    /^[A-Z][A-Z0-9]{1,9}-\d{1,7}$/.test(value) ||
    /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(issues|pull)\/\d+$/.test(value)
  )
}
