import ReactMarkdown from 'react-markdown'
import rehypeHighlight from 'rehype-highlight'
import remarkGfm from 'remark-gfm'

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
        rehypePlugins={[[rehypeHighlight, { detect: false }]]}
        skipHtml={false}
      >
        {children}
      </ReactMarkdown>
    </div>
  )
}
