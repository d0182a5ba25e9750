import { describe, expect, it } from 'vitest'
import { SignSchema } from '~/domain/sign-off-form'

describe('The signature form', () => {
  it('accepts a form without the exception field, sent while every gate passes', () => {
    const parsed = SignSchema.safeParse({ statement: 'Reviewed for launch.' })
    expect(parsed.success && parsed.data).toEqual({
      statement: 'Reviewed for launch.',
      gateException: null,
    })
  })

  it('keeps a written exception and names a statement that is too short', () => {
    expect(
      SignSchema.parse({
        statement: 'Reviewed for launch.',
        gateException: '  Accepted until the pilot ends. ',
      }).gateException,
    ).toBe('Accepted until the pilot ends.')
    const short = SignSchema.safeParse({ statement: 'ok' })
    expect(short.success).toBe(false)
    expect(short.error?.issues[0]?.path).toEqual(['statement'])
  })
})
