import { Random } from '../random'

const RULES = [
  [
    'js/sql-injection',
    'Database query built from user-controlled sources',
    '8.8',
  ],
  ['js/xss', 'Cross-site scripting', '6.1'],
  ['js/path-injection', 'Uncontrolled data used in path expression', '7.5'],
  ['js/insecure-randomness', 'Insecure randomness', '5.3'],
  ['js/missing-rate-limiting', 'Missing rate limiting', '4.3'],
  ['js/hardcoded-credentials', 'Hard-coded credentials', '9.1'],
  [
    'js/clear-text-logging',
    'Clear-text logging of sensitive information',
    '3.7',
  ],
  ['js/log-injection', 'Log injection', '2.1'],
] as const

/**
 * A SARIF 2.1.0 log with `count` results, as a scanner would upload it.
 * `salt` changes every fingerprint, so each import creates new findings
 * instead of matching the previous run's.
 */
export function makeSarif(count: number, salt: string, seed = 7): string {
  const random = new Random(seed)
  const results = Array.from({ length: count }, (_, index) => {
    const [ruleId, text] = random.pick(RULES)
    const file = `src/module${random.int(1, 400)}/handler${random.int(1, 30)}.ts`
    const line = random.int(1, 900)
    return {
      ruleId,
      level: random.pick(['error', 'warning', 'note'] as const),
      message: { text: `${text} in ${file} at line ${line}.` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: file },
            region: { startLine: line },
          },
        },
      ],
      partialFingerprints: {
        primaryLocationLineHash: `${salt}-${index.toString(16)}`,
      },
    }
  })
  return JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'BenchScanner',
            version: '1.0.0',
            rules: RULES.map(([id, text, score]) => ({
              id,
              shortDescription: { text },
              properties: { 'security-severity': score, tags: ['security'] },
            })),
          },
        },
        results,
      },
    ],
  })
}
