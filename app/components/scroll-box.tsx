import type { ReactNode } from 'react'

/**
 * A box that scrolls sideways when its table is wider than the screen. It
 * can take keyboard focus, so someone without a mouse can scroll it with
 * the arrow keys even when nothing inside is a link or a button (axe:
 * scrollable-region-focusable); the label names it when focused.
 */
export function ScrollBox({
  label,
  className = '',
  children,
}: {
  label: string
  className?: string
  children: ReactNode
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 ${className}`}
    >
      {children}
    </div>
  )
}
