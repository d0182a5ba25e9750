import { describe, expect, it } from 'vitest'
import { readForm, readFormBody } from '~/utils/forms.server'
import type { ActiveSession } from '~/models/session.server'

const boundary = 'TestBoundary'
const multipart = (body: string) =>
  new Request('http://127.0.0.1/verify', {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body,
  })
const part = (name: string, value: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise
    return 'resolved'
  } catch (error) {
    return error instanceof Response ? error.status : 'threw'
  }
}

describe('Reading a form body', () => {
  it('reads a well-formed multipart body', async () => {
    const form = await readFormBody(
      multipart(`${part('digest', 'abc')}--${boundary}--`),
    )
    expect(form.get('digest')).toBe('abc')
  })

  it('answers 400, not a server error, to a multipart body that does not parse', async () => {
    // The closing boundary followed by a lone carriage return, as a scanner
    // built it; and a body with no closing boundary at all.
    for (const body of [
      `${part('digest', 'abc')}--${boundary}--\r`,
      `${part('digest', 'abc')}`,
    ])
      expect(await statusOf(readFormBody(multipart(body)))).toBe(400)
  })

  it('checks the CSRF token only once the body is read', async () => {
    const session = {
      csrfToken: 'expected',
      user: { id: 1 },
    } as unknown as ActiveSession
    expect(
      await statusOf(
        readForm(multipart(`${part('csrf', 'x')}--${boundary}--\r`), session),
      ),
    ).toBe(400)
    expect(
      await statusOf(
        readForm(multipart(`${part('csrf', 'x')}--${boundary}--`), session),
      ),
    ).toBe(403)
  })
})
