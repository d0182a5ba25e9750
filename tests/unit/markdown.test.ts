import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Markdown } from '~/components/markdown'

const source = 'Fix it:\n\n```ts\nconst answer: number = 42\n```\n'

describe('Markdown', () => {
  it('highlights a fenced code block on every render, not only the first', () => {
    const first = renderToString(createElement(Markdown, null, source))
    const second = renderToString(createElement(Markdown, null, source))

    for (const html of [first, second]) {
      expect(html).toContain('class="hljs language-ts"')
      expect(html).toContain('<span class="hljs-keyword">const</span>')
    }
  })

  it('leaves a block without a language unhighlighted', () => {
    const html = renderToString(
      createElement(Markdown, null, '```\nplain text\n```'),
    )

    expect(html).not.toContain('hljs')
  })

  it('renders a source shown before exactly as the first time, scripts still inert', () => {
    const unsafe =
      'See <script>alert(1)</script> and [this](javascript:alert(1)).\n\n**bold**'
    const first = renderToString(createElement(Markdown, null, unsafe))
    const second = renderToString(createElement(Markdown, null, unsafe))

    expect(second).toBe(first)
    expect(second).not.toContain('<script>')
    expect(second).not.toContain('javascript:')
    expect(second).toContain('<strong>bold</strong>')
  })

  it('renders a changed source afresh', () => {
    const before = renderToString(createElement(Markdown, null, 'Open *now*'))
    const after = renderToString(createElement(Markdown, null, 'Fixed *now*'))

    expect(before).toContain('Open')
    expect(after).toContain('Fixed')
    expect(after).not.toContain('Open')
  })
})
