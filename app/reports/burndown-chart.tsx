import { Line, Polyline, Svg, Text as SvgText } from '@react-pdf/renderer'
import type { BurndownPoint } from '~/domain/burndown'

const WIDTH = 500
const HEIGHT = 140
const LEFT = 28
const BOTTOM = 18

/**
 * The open-findings burndown drawn with react-pdf's SVG primitives: one
 * polyline over axes with the first and last day and the highest count.
 */
export function BurndownChart({ points }: { points: BurndownPoint[] }) {
  if (points.length === 0) return null
  const top = Math.max(1, ...points.map((point) => point.open))
  const plotWidth = WIDTH - LEFT - 6
  const plotHeight = HEIGHT - BOTTOM - 6
  const x = (index: number) =>
    LEFT + (points.length === 1 ? 0 : (index / (points.length - 1)) * plotWidth)
  const y = (open: number) => 6 + plotHeight - (open / top) * plotHeight
  const line = points
    .map((point, index) => `${x(index).toFixed(1)},${y(point.open).toFixed(1)}`)
    .join(' ')
  const first = points[0]
  const last = points[points.length - 1]
  return (
    <Svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`}>
      <Line
        x1={LEFT}
        y1={6}
        x2={LEFT}
        y2={6 + plotHeight}
        stroke="#475569"
        strokeWidth={0.5}
      />
      <Line
        x1={LEFT}
        y1={6 + plotHeight}
        x2={LEFT + plotWidth}
        y2={6 + plotHeight}
        stroke="#475569"
        strokeWidth={0.5}
      />
      <SvgText x={2} y={10} style={{ fontSize: 7 }}>
        {String(top)}
      </SvgText>
      <SvgText x={2} y={6 + plotHeight} style={{ fontSize: 7 }}>
        0
      </SvgText>
      <SvgText x={LEFT} y={HEIGHT - 4} style={{ fontSize: 7 }}>
        {first?.day ?? ''}
      </SvgText>
      <SvgText x={LEFT + plotWidth - 44} y={HEIGHT - 4} style={{ fontSize: 7 }}>
        {last?.day ?? ''}
      </SvgText>
      <Polyline points={line} stroke="#0369a1" strokeWidth={1.5} fill="none" />
    </Svg>
  )
}
