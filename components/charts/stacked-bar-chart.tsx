"use client";
// A thin recharts wrapper: renders already-shaped points (see lib/analytics/chart-series.ts). null
// values are drawn as gaps, never as zero bars.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartData } from "@/lib/analytics/chart-series";
import { formatChartValue, formatTick } from "./format";

type Props = {
  data: ChartData;
  interval: "hour" | "day" | "week" | "month";
  timezone: string;
  label: string;
  height?: number;
};

/** Stacked bars for additive metrics; lines (with gaps for null) for ratios such as cost per request. */
export function StackedBarChart({ data, interval, timezone, label, height = 320 }: Props) {
  const Chart = data.stacked ? BarChart : LineChart;
  return (
    <figure aria-label={label} className="w-full">
      <ResponsiveContainer width="100%" height={height}>
        <Chart data={data.points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="start"
            tickFormatter={(t: number) => formatTick(t, interval, timezone)}
            tick={{ fontSize: 12, fill: "#475569" }}
            minTickGap={16}
          />
          <YAxis
            tickFormatter={(v: number) => formatChartValue(v, data.unit, true)}
            tick={{ fontSize: 12, fill: "#475569" }}
            width={64}
          />
          <Tooltip
            labelFormatter={(t) => formatTick(Number(t), interval, timezone, true)}
            formatter={(v) => (v === null || v === undefined ? "no data" : formatChartValue(Number(v), data.unit))}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {data.groups.map((g) =>
            data.stacked ? (
              <Bar key={g.key} dataKey={g.key} name={g.label} fill={g.color} stackId="s" isAnimationActive={false} />
            ) : (
              <Line key={g.key} dataKey={g.key} name={g.label} stroke={g.color} dot={false} connectNulls={false} isAnimationActive={false} />
            ),
          )}
        </Chart>
      </ResponsiveContainer>
    </figure>
  );
}
