import { createRequire } from 'node:module'
import path from 'node:path'
import { Font } from '@react-pdf/renderer'
import * as fontkit from 'fontkit'

/**
 * The report's font: DejaVu Sans, which covers Latin, Greek and Cyrillic,
 * embedded in every PDF. react-pdf's built-in Helvetica covers none of
 * Greek or Cyrillic, and a glyph the font lacks would be dropped without a
 * trace, so `printable` swaps such characters for U+FFFD first.
 */
export const REPORT_FONT = 'DejaVu Sans'

const require = createRequire(import.meta.url)

function fontFile(name: string): string {
  const root = path.dirname(require.resolve('dejavu-fonts-ttf/package.json'))
  return path.join(root, 'ttf', name)
}

let registered = false
let coverage: fontkit.Font | undefined

export function registerReportFonts() {
  if (registered) return
  Font.register({
    family: REPORT_FONT,
    fonts: [
      { src: fontFile('DejaVuSans.ttf') },
      { src: fontFile('DejaVuSans-Bold.ttf'), fontWeight: 'bold' },
    ],
  })
  // Words are not hyphenated: references and vectors must stay whole.
  Font.registerHyphenationCallback((word) => [word])
  registered = true
}

export const REPLACEMENT = '\uFFFD'

/** The text with every code point the font cannot draw replaced by �. */
export function printable(text: string): string {
  coverage ??= fontkit.openSync(fontFile('DejaVuSans.ttf'))
  const font = coverage
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (char === '\n' || char === '\t' || font.hasGlyphForCodePoint(code))
      out += char
    else out += REPLACEMENT
  }
  return out
}
