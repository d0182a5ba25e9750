import { describe, expect, test } from 'vitest'
import {
  checkEvidenceFile,
  isExternalTicket,
  MAX_EVIDENCE_BYTES,
} from '~/domain/finding-evidence'

const bytes = (...values: number[]) => new Uint8Array(values)
const text = (value: string) => new TextEncoder().encode(value)

describe('Evidence files', () => {
  test.each([
    [
      'shot.png',
      bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0),
      'image/png',
    ],
    ['photo.JPG', bytes(0xff, 0xd8, 0xff, 0xe0, 0), 'image/jpeg'],
    ['report.pdf', text('%PDF-1.7\n...'), 'application/pdf'],
    ['curl.txt', text('HTTP/1.1 401 Unauthorized'), 'text/plain'],
    ['scan.json', text('{"status": 401}'), 'application/json'],
    ['scan.txt', text('{"status": 401}'), 'text/plain'],
  ])('%s is accepted as %s', (name, content, mimeType) => {
    expect(checkEvidenceFile(name, content)).toMatchObject({
      ok: true,
      mimeType,
    })
  })

  test.each([
    ['page.html', text('<html><script>alert(1)</script></html>')],
    ['fake.png', text('<script>alert(1)</script>')],
    ['image.pdf', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
    ['binary.txt', bytes(0x00, 0x01, 0x02)],
    ['noextension', text('hello')],
    ['empty.txt', new Uint8Array()],
  ])('%s is refused', (name, content) => {
    expect(checkEvidenceFile(name, content).ok).toBe(false)
  })

  test('A file over 10 MB is refused', () => {
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1).fill(0x41)
    expect(checkEvidenceFile('big.txt', big)).toEqual({
      ok: false,
      message: 'Files may be 10 MB at most',
    })
  })
})

describe('External tickets', () => {
  test('Jira keys and GitHub issue URLs are accepted, other text is not', () => {
    expect(isExternalTicket('SEC-123')).toBe(true)
    expect(isExternalTicket('https://github.com/acme/api/issues/42')).toBe(true)
    expect(isExternalTicket('sec-123')).toBe(false)
    expect(isExternalTicket('https://evil.example/acme/api/issues/42')).toBe(
      false,
    )
    expect(isExternalTicket('javascript:alert(1)')).toBe(false)
  })
})
