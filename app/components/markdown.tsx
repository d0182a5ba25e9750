import ReactMarkdown from 'react-markdown'
import rehypeHighlight from 'rehype-highlight'
import remarkGfm from 'remark-gfm'

// rehype-highlight registers its ~37 grammars every time it is attached,
// and react-markdown attaches plugins on every render: measured at about
// 25 ms of a finding page's server time (docs/performance.md). The
// transformer it returns holds no per-document state, so it is built once.
const highlightTransformer = rehypeHighlight({ detect: false })
const highlightCodeBlocks = () => highlightTransformer

/**
 * Markdown from findings and comments. Raw HTML in the source is shown as
 * text, never parsed (no rehype-raw), and react-markdown drops unsafe URL
 * schemes such as `javascript:`, so a script in a finding stays inert.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose-clearance">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[highlightCodeBlocks]}
        skipHtml={false}
      >
        {children}
      </ReactMarkdown>
    </div>
  )
}
