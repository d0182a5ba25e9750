import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { CHART_HEIGHT, type ChartSpec } from './chart-types'

/**
 * Every dashboard chart, in the one module the page loads lazily, so
 * Recharts lands in its own chunk after the figures are on screen. Colours
 * come in pairs of hue and dash pattern, so no line is told apart by colour
 * alone.
 */
const colours = {
  open: '#be123c',
  verified: '#047857',
  doing: '#0369a1',
  todo: '#94a3b8',
  ideal: '#475569',
  forecast: '#7c3aed',
}

function shortDay(day: string): string {
  return day.slice(5)
}

function Burndown({
  spec,
}: {
  spec: Extract<ChartSpec, { kind: 'burndown' }>
}) {
  const key = spec.weighted ? 'weighted' : 'open'
  const data = spec.rows.map((row) => ({
    day: row.day,
    actual: row[key],
    early: row.idealEarly[key],
    deadline: row.idealDeadline[key],
    forecast: row.forecast ? row.forecast[key] : null,
  }))
  return (
    <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey="day" tickFormatter={shortDay} fontSize={12} />
      <YAxis allowDecimals={false} fontSize={12} width={36} />
      <Tooltip />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <ReferenceLine
        x={spec.today}
        stroke="#0f172a"
        label={{ value: 'today', position: 'insideTopRight', fontSize: 12 }}
      />
      <Line
        name={spec.weighted ? 'Open (weighted)' : 'Open'}
        dataKey="actual"
        stroke={colours.open}
        strokeWidth={2}
        dot={false}
        isAnimationActive={false}
      />
      <Line
        name="Ideal, 2 weeks"
        dataKey="early"
        stroke={colours.ideal}
        strokeDasharray="2 3"
        dot={false}
        isAnimationActive={false}
      />
      <Line
        name="Ideal, 3 weeks"
        dataKey="deadline"
        stroke={colours.ideal}
        strokeDasharray="8 4"
        dot={false}
        isAnimationActive={false}
      />
      <Line
        name="Forecast"
        dataKey="forecast"
        stroke={colours.forecast}
        strokeDasharray="4 2"
        strokeWidth={2}
        dot={false}
        connectNulls={false}
        isAnimationActive={false}
      />
    </LineChart>
  )
}

function Chart({ spec }: { spec: ChartSpec }) {
  switch (spec.kind) {
    case 'burndown':
      return <Burndown spec={spec} />
    case 'severity':
      return (
        <BarChart data={spec.rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} width={36} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            name="Open"
            dataKey="open"
            fill={colours.open}
            isAnimationActive={false}
          />
          <Bar
            name="Verified"
            dataKey="verified"
            fill={colours.verified}
            isAnimationActive={false}
          />
        </BarChart>
      )
    case 'phases':
      return (
        <BarChart data={spec.rows} layout="vertical" margin={{ left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} fontSize={12} />
          <YAxis type="category" dataKey="name" width={150} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            name="Done"
            dataKey="done"
            stackId="t"
            fill={colours.verified}
            isAnimationActive={false}
          />
          <Bar
            name="In progress"
            dataKey="doing"
            stackId="t"
            fill={colours.doing}
            isAnimationActive={false}
          />
          <Bar
            name="Not started"
            dataKey="todo"
            stackId="t"
            fill={colours.todo}
            isAnimationActive={false}
          />
        </BarChart>
      )
    case 'owasp':
      return (
        <BarChart data={spec.rows}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="code" fontSize={11} interval={0} />
          <YAxis allowDecimals={false} fontSize={12} width={36} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            name="Findings"
            dataKey="total"
            fill={colours.todo}
            isAnimationActive={false}
          />
          <Bar
            name="Open"
            dataKey="open"
            fill={colours.open}
            isAnimationActive={false}
          />
        </BarChart>
      )
    case 'risk':
      return (
        <LineChart data={spec.rows} margin={{ top: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={shortDay} fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} width={36} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line
            name={`Open risk, weighted (${spec.weights})`}
            dataKey="weighted"
            stroke={colours.open}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      )
  }
}

export default function DashboardChart({ spec }: { spec: ChartSpec }) {
  return (
    <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
      <Chart spec={spec} />
    </ResponsiveContainer>
  )
}
