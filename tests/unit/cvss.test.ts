import { describe, expect, it } from 'vitest'
import { scoreCvssVector, tryScoreCvssVector } from '~/domain/cvss'
import { ratingForScore } from '~/domain/cvss-rating'

describe('CVSS scoring', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10.0, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N', 9.1, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'medium'],
    ['CVSS:3.1/AV:P/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N', 2.1, 'low'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'none'],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      9.3,
      'critical',
    ],
  ])('%s scores %d (%s)', (vector, score, rating) => {
    const result = scoreCvssVector(vector)
    expect(result.score).toBe(score)
    expect(result.rating).toBe(rating)
  })

  it('accepts metrics in any order and returns them in canonical order', () => {
    const result = scoreCvssVector(
      'CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N',
    )
    expect(result.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')
    expect(result.score).toBe(9.8)
  })

  it('describes each metric in words', () => {
    const { metrics } = scoreCvssVector(
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N',
    )
    expect(metrics[0]).toEqual({
      key: 'AV',
      name: 'Attack Vector',
      value: 'N',
      meaning: 'Network',
    })
    expect(metrics.find((metric) => metric.key === 'A')?.meaning).toBe('None')
  })
})

describe('Malformed CVSS vectors are refused with a message naming the problem', () => {
  it.each([
    ['', /empty/],
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /must start with/],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /must start with/],
    ['CVSS:2.0/AV:N', /must start with/],
    [
      'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /Part 1: "X" is not a valid value for AV/,
    ],
    [
      'CVSS:3.1/AV:N/AC:Q/PR:N/UI:N/S:U/C:H/I:H/A:H',
      /Part 2: "Q" is not a valid value for AC/,
    ],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', /missing the base metric A\b/],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:N', /AV appears twice/],
    [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P',
      /"E" is not a CVSS 3.1 base metric/,
    ],
    [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/',
      /Part 9 \(""\) is not of the form/,
    ],
    ['CVSS:3.1/AV:N//AC:L', /Part 2 \(""\) is not of the form/],
    ['CVSS:3.1/AV=N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /Part 1 \("AV=N"\)/],
    ['CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', /Part 1 \("av:n"\)/],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N',
      /missing the base metric SA/,
    ],
    [
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      /"R" is not a valid value for UI/,
    ],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H<script>', /Part 8/],
  ])('%j', (vector, message) => {
    const result = tryScoreCvssVector(vector)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(message)
  })
})

describe('Qualitative ratings follow the CVSS bands', () => {
  it.each([
    [0, 'none'],
    [0.1, 'low'],
    [3.9, 'low'],
    [4.0, 'medium'],
    [6.9, 'medium'],
    [7.0, 'high'],
    [8.9, 'high'],
    [9.0, 'critical'],
    [10, 'critical'],
  ])('%d is %s', (score, rating) => {
    expect(ratingForScore(score)).toBe(rating)
  })
})
