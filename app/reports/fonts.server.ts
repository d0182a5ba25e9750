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
/** Same coverage, fixed width: the audit appendix's columns line up. */
export const REPORT_MONO_FONT = 'DejaVu Sans Mono'

const require = createRequire(import.meta.url)

function fontFile(name: string): string {
  const root = path.dirname(require.resolve('dejavu-fonts-ttf/package.json'))
  return path.join(root, 'ttf', name)
}

let registered = false
const coverage = new Map<string, fontkit.Font>()

export function registerReportFonts() {
  if (registered) return
  Font.register({
    family: REPORT_FONT,
    fonts: [
      { src: fontFile('DejaVuSans.ttf') },
      { src: fontFile('DejaVuSans-Bold.ttf'), fontWeight: 'bold' },
    ],
  })
  Font.register({
    family: REPORT_MONO_FONT,
    fonts: [
      { src: fontFile('DejaVuSansMono.ttf') },
      { src: fontFile('DejaVuSansMono-Bold.ttf'), fontWeight: 'bold' },
    ],
  })
  // Words are not hyphenated: references and vectors must stay whole.
  Font.registerHyphenationCallback((word) => [word])
  registered = true
}

export const REPLACEMENT = '\uFFFD'

/**
 * The text with every code point the font cannot draw replaced by �. The
 * monospaced face has fewer glyphs than the proportional one, so text set
 * in it is checked against its own file. U+FFFD itself is in both.
 */
export function printable(
  text: string,
  face: 'sans' | 'mono' = 'sans',
): string {
  const file = face === 'mono' ? 'DejaVuSansMono.ttf' : 'DejaVuSans.ttf'
  let font = coverage.get(file)
  if (!font) {
    font = fontkit.openSync(fontFile(file))
    coverage.set(file, font)
  }
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (char === '\n' || char === '\t' || font.hasGlyphForCodePoint(code))
      out += char
    else out += REPLACEMENT
  }
  return out
}
