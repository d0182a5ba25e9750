import {
  addMember,
  expect,
  makeAssessment,
  makeToken,
  makeUser,
  test,
} from './fixtures'
import { digest, expectRefused, raw } from './raw-http'

/**
 * Bad files sent to the import API
 * (`POST /api/v1/assessments/{assessment}/import`): a file that cannot be
 * read is refused with a 4xx that says why; a file whose rows are wrong
 * gets row errors naming the row and the field. Either way no finding is
 * stored or changed (the digest of raw-http.ts is compared).
 */
async function importFixture() {
  const { slug, id } = makeAssessment('bad-import')
  const { user } = await makeUser('security')
  const token = makeToken(user, ['reports:write'])
  const headers = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  }
  const path = `/api/v1/assessments/${slug}/import`
  const send = (body: unknown) =>
    raw(
      'POST',
      path,
      headers,
      typeof body === 'string' || Buffer.isBuffer(body)
        ? body
        : JSON.stringify(body),
    )
  return { slug, id, path, headers, send }
}

interface RowError {
  row: string
  field: string
  expected: string
}

/** Applies `content` for real and expects only row errors, nothing stored. */
async function expectOnlyRowErrors(
  send: (body: unknown) => Promise<{ status: number; body: string }>,
  format: 'csv' | 'sarif' | 'json',
  content: string,
): Promise<RowError[]> {
  const before = digest()
  const answer = await send({ format, content, dryRun: false })
  expect(answer.status, answer.body.slice(0, 200)).toBe(200)
  const result = JSON.parse(answer.body) as {
    created: unknown[]
    updated: unknown[]
    errors: RowError[]
  }
  expect(result.created).toEqual([])
  expect(result.updated).toEqual([])
  expect(digest()).toBe(before)
  return result.errors
}

const header =
  'reference,title,severity,cvss_vector,cvss_score,cwe,owasp_top10,description'

test('Request bodies of the wrong shape get 400, 415 or 422 naming the field', async () => {
  const { send, headers, path } = await importFixture()
  for (const [body, field] of [
    [{ format: 'xml', content: 'x' }, 'format'],
    [{ format: 'csv', content: 5 }, 'content'],
    [{ format: 'csv', content: '' }, 'content'],
    [{ format: 'csv', content: 'a', dryRun: 'yes' }, 'dryRun'],
    [{ content: 'a' }, 'format'],
  ] as const) {
    const answer = await expectRefused(() => send(body), 422)
    const details = JSON.parse(answer.body).error.details as {
      field: string
    }[]
    expect(details.map((detail) => detail.field)).toContain(field)
  }
  for (const body of ['[]', 'null', '{"format":', `${'['.repeat(10_000)}`])
    await expectRefused(() => send(body), [400, 422])
  const invalidUtf8 = Buffer.concat([
    Buffer.from('{"format":"csv","content":"'),
    Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
    Buffer.from('"}'),
  ])
  await expectRefused(() => send(invalidUtf8), 400)
  await expectRefused(
    () =>
      raw(
        'POST',
        path,
        { ...headers, 'Content-Type': 'text/csv' },
        `${header}\nX-1,Title,high,,,,,`,
      ),
    415,
  )
})

test('Files that cannot be read are refused with 422 and a reason', async () => {
  const { send } = await importFixture()
  const garbage = Buffer.from(
    Array.from({ length: 4096 }, (_, index) => (index * 151 + 7) % 256),
  ).toString('latin1')
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
  const manyResults = JSON.stringify({
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'flood' } },
        results: Array.from({ length: 20_001 }, () => ({})),
      },
    ],
  })
  const cases: [string, string, RegExp][] = [
    ['sarif', garbage, /not JSON/],
    ['sarif', '[{"version":"2.1.0"}]', /JSON object/],
    ['sarif', '{"version":"2.1.0","runs":{"0":{}}}', /"runs" array/],
    ['sarif', deep, /JSON object/],
    ['json', deep, /not a Clearance export/],
    ['sarif', manyResults, /20001 results/],
    ['csv', garbage, /./],
    ['csv', `${header}\nX-1,"unclosed,high`, /could not be read/],
    ['csv', header, /no rows/],
    ['csv', 'name,level\nx,high', /lacks the column/],
    ['csv', `${header}\nX-1,Title,high,,,,,,extra,cells`, /could not be read/],
    ['csv', `${header}\n${'X-1,Title,high,,,,,\n'.repeat(20_001)}`, /rows/],
    ['json', '{"format":"clearance.assessment","version":2}', /version 1/],
  ]
  for (const [format, content, reason] of cases) {
    const answer = await expectRefused(
      () => send({ format, content, dryRun: false }),
      [413, 422],
    )
    expect(JSON.parse(answer.body).error.message).toMatch(reason)
  }
})

test('A body past the upload limit gets 413 and stores nothing', async () => {
  const { send } = await importFixture()
  const row = 'X-1,A title long enough,high,,,,,padding padding padding\n'
  const content = `${header}\n${row.repeat(Math.ceil(21_000_000 / row.length))}`
  const answer = await expectRefused(
    () => send({ format: 'csv', content }),
    413,
  )
  expect(JSON.parse(answer.body).error.code).toBe('payload_too_large')
})

test('CSV rows with a bad severity, score, CWE or reference are named by row and field', async () => {
  const { send } = await importFixture()
  const rows = [
    'X-2,Unknown severity,urgent,,,,,',
    'X-3,Score above ten,,,10.5,,,',
    'X-4,Score not a number,,,NaN,,,',
    'X-5,Score negative,,,-1,,,',
    'X-6,CWE not a number,high,,,CWE-abc,,',
    'X-7,OWASP code unknown,high,,,,A11,',
    'bad ref!,Reference with spaces,high,,,,,',
    'X-9,no,high,,,,,',
  ]
  const errors = await expectOnlyRowErrors(
    send,
    'csv',
    `${header}\n${rows.join('\n')}`,
  )
  expect(errors.map(({ row, field }) => `${row} ${field}`)).toEqual([
    'row 2 severity',
    'row 3 cvss_score',
    'row 3 severity',
    'row 4 cvss_score',
    'row 4 severity',
    'row 5 cvss_score',
    'row 5 severity',
    'row 6 cwe',
    'row 7 owasp_top10',
    'row 8 reference',
    'row 9 title',
  ])
  for (const error of errors) expect(error.expected.length).toBeGreaterThan(5)
})

test('A CVSS vector broken in any position is a row error naming cvss_vector', async () => {
  const { send } = await importFixture()
  const valid = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'.split('/')
  const broken = [
    ...valid.map((_, position) =>
      valid.map((part, index) => (index === position ? `${part}Z` : part)),
    ),
    ...valid
      .slice(1)
      .map((_, position) =>
        valid.filter((__, index) => index !== position + 1),
      ),
  ].map((parts) => parts.join('/'))
  broken.push(
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:Q/SC:N/SI:N/SA:N',
    'cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h',
    `CVSS:3.1/${'AV:N/'.repeat(5000)}`,
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:\u041d',
  )
  const content = [
    header,
    ...broken.map(
      (vector, index) => `V-${index},Broken vector ${index},,"${vector}",,,,`,
    ),
  ].join('\n')
  const errors = await expectOnlyRowErrors(send, 'csv', content)
  const vectorErrors = errors.filter((error) => error.field === 'cvss_vector')
  expect(vectorErrors.map((error) => error.row)).toEqual(
    broken.map((_, index) => `row ${index + 2}`),
  )
  for (const error of vectorErrors) expect(error.expected).toMatch(/CVSS/)
})

test('SARIF results without a rule or message, and JSON findings of the wrong shape, are row errors', async () => {
  const { send } = await importFixture()
  const sarif = JSON.stringify({
    version: '2.1.0',
    runs: [
      'not a run',
      {
        tool: { driver: { name: 'scanner', rules: 'none' } },
        results: [
          null,
          { message: { text: 'no rule' } },
          { ruleId: 'r1', message: 'not an object' },
          { ruleId: { $gt: '' }, message: { text: 'x' } },
        ],
      },
    ],
  })
  const sarifErrors = await expectOnlyRowErrors(send, 'sarif', sarif)
  expect(sarifErrors.map(({ row, field }) => `${row} ${field}`)).toEqual([
    'runs[0] tool.driver',
    'runs[1].results[0] (result)',
    'runs[1].results[1] ruleId',
    'runs[1].results[2] message.text',
    'runs[1].results[3] ruleId',
  ])

  // 100,000 levels of nesting where the reader ignores it (a result's
  // properties), built as text: JSON.stringify itself would overflow.
  const nested = `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"properties":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}]}]}`
  const nestedErrors = await expectOnlyRowErrors(send, 'sarif', nested)
  expect(nestedErrors).toEqual([
    {
      row: 'runs[0].results[0]',
      field: 'ruleId',
      expected: 'the id of the rule that fired',
    },
  ])

  const json = JSON.stringify({
    format: 'clearance.assessment',
    version: 1,
    findings: [
      7,
      { reference: 'J-1', title: ['an', 'array'], severity: 'high' },
      { reference: 'J-2', title: 'Title', severity: { toString: 'high' } },
      { reference: 'J-3', title: 'Title', severity: 'low', cvssScore: 99 },
    ],
  })
  const jsonErrors = await expectOnlyRowErrors(send, 'json', json)
  expect(jsonErrors.map(({ row, field }) => `${row} ${field}`)).toEqual([
    'findings[0] (finding)',
    'findings[1] title',
    'findings[2] severity',
    'findings[3] cvss_score',
  ])
})

test('A caller without the import right is refused, in their own assessment and in another', async () => {
  const theirs = await importFixture()
  const mine = makeAssessment('bad-import-mine')
  const { user } = await makeUser('engineer')
  addMember(mine.id, user.id)
  const token = makeToken(user, ['reports:write'])
  const body = JSON.stringify({
    format: 'csv',
    content: `${header}\nX-1,A title,high,,,,,`,
  })
  for (const target of [mine.slug, theirs.slug, String(theirs.id)])
    await expectRefused(
      () =>
        raw(
          'POST',
          `/api/v1/assessments/${target}/import`,
          {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
          },
          body,
        ),
      [403, 404],
    )
})
