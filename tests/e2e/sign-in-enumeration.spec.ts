import { getConnection } from '#db/client.server'
import { setUserDisabled } from '~/models/user.server'
import { expect, makeUser, test } from './fixtures'

/**
 * ASVS 6.3.8 over HTTP: the sign-in page answers an unknown e-mail exactly
 * as it answers a known one with the wrong password, byte for byte once
 * the parts that differ on every answer are set aside: the date, the CSP
 * nonce and the e-mail the form echoes back to its typist. The unit test
 * (tests/unit/sign-in.test.ts) checks the same of the action and that an
 * unknown account pays for an argon2 verification too; timing is not
 * measured here, a shared machine makes it noise.
 */

// Headers that differ between any two answers (the date, each request's
// id), or follow from the echoed e-mail's length (the body itself is
// compared with the e-mail set aside).
const VARYING = new Set(['date', 'x-request-id', 'content-length'])

async function attempt(
  request: import('@playwright/test').APIRequestContext,
  email: string,
) {
  const answer = await request.post('/login', {
    form: { email, password: 'not the password at all', redirectTo: '/' },
    maxRedirects: 0,
  })
  const headers = answer.headers()
  const nonce = /'nonce-([^']+)'/.exec(
    headers['content-security-policy'] ?? '',
  )?.[1]
  expect(nonce, 'every page answer carries a nonce').toBeTruthy()
  const body = (await answer.text())
    .replaceAll(nonce!, '(nonce)')
    .replaceAll(email, '(e-mail as typed)')
  const kept = Object.entries(headers)
    .filter(([name]) => !VARYING.has(name))
    .map(([name, value]) => [name, value.replaceAll(nonce!, '(nonce)')])
    .sort()
  return { status: answer.status(), headers: kept, body }
}

test('An unknown e-mail, a wrong password and a disabled account get the same sign-in answer', async ({
  request,
}) => {
  const { user: known } = await makeUser('engineer')
  const { user: disabled } = await makeUser('engineer')
  setUserDisabled(getConnection().db, disabled.id, true)
  // Same length as the known address, so no length differs either.
  const unknown = known.email.replace(/^engineer/, 'enginees')
  expect(unknown).not.toBe(known.email)

  const wrongPassword = await attempt(request, known.email)
  expect(wrongPassword.status).toBe(401)
  expect(wrongPassword.body).toContain('The e-mail or password is not right.')
  expect(await attempt(request, unknown)).toEqual(wrongPassword)
  expect(await attempt(request, disabled.email)).toEqual(wrongPassword)
})
