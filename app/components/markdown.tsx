import type { ReactElement } from 'react'
import ReactMarkdown, { type Components } from 'react-markdown'
import rehypeHighlight from 'rehype-highlight'
import remarkGfm from 'remark-gfm'

// rehype-highlight registers its ~37 grammars every time it is attached,
// and react-markdown attaches plugins on every render: measured at about
// 25 ms of a finding page's server time (docs/performance.md). The
// transformer it returns holds no per-document state, so it is built once.
const highlightTransformer = rehypeHighlight({ detect: false })
const highlightCodeBlocks = () => highlightTransformer

// Parsing is most of a finding page's render (about 2 ms of its CPU), and
// the same descriptions are shown again and again. The output depends only
// on the source text, and React elements are immutable, so the element tree
// of recently shown sources is kept (oldest dropped first) and reused.
// A code block scrolls sideways when its lines are wider than the screen;
// being focusable lets a keyboard user reach it and scroll it with the
// arrow keys (axe: scrollable-region-focusable).
const components: Components = {
  pre: ({ node: _node, ...props }) => <pre tabIndex={0} {...props} />,
}

const RECENT_SOURCES = 500
const recentlyRendered = new Map<string, ReactElement>()

function renderMarkdown(source: string): ReactElement {
  const cached = recentlyRendered.get(source)
  if (cached) return cached
  // A plain function of its options (no hooks), so it can be called here.
  const element = ReactMarkdown({
    children: source,
    remarkPlugins: [remarkGfm],
    rehypePlugins: [highlightCodeBlocks],
    components,
    skipHtml: false,
  })
  if (recentlyRendered.size >= RECENT_SOURCES) {
    const oldest = recentlyRendered.keys().next()
    if (!oldest.done) recentlyRendered.delete(oldest.value)
  }
  recentlyRendered.set(source, element)
  return element
}

/**
 * Markdown from findings and comments. Raw HTML in the source is shown as
 * text, never parsed (no rehype-raw), and react-markdown drops unsafe URL
 * schemes such as `javascript:`, so a script in a finding stays inert.
 */
export function Markdown({ children }: { children: string }) {
  return <div className="prose-clearance">{renderMarkdown(children)}</div>
}
