// Pure shaping of aggregate rows into the explorer's answer: groups sorted, top `limit` rows plus one
// "other" row, a series of the top `top` groups plus "other" per interval, totals, previous period.
// Money stays bigint micro-dollars here; the JSON edge converts.
import type { SpendMetric } from "@/lib/schemas/spend";
import { intervalStart, type Interval } from "./buckets";
import type { AggregateRow } from "./spend-sql";

export type Metrics = {
  requests: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  cachedInputTokens: bigint;
  cacheWriteTokens: bigint;
  costMicros: bigint;
};
const METRIC_KEYS = ["requests", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros"] as const;

export const zeroMetrics = (): Metrics => ({
  requests: 0n, inputTokens: 0n, outputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n, costMicros: 0n,
});

export function addMetrics(into: Metrics, m: Metrics): Metrics {
  for (const k of METRIC_KEYS) into[k] += m[k];
  return into;
}

export function subMetrics(a: Metrics, b: Metrics): Metrics {
  const out = zeroMetrics();
  for (const k of METRIC_KEYS) out[k] = a[k] - b[k];
  return out;
}

/** The value a metric ranks by. Cost per request is null without requests (not zero). */
export function metricValue(m: Metrics, metric: SpendMetric): number | null {
  switch (metric) {
    case "cost": return Number(m.costMicros);
    case "requests": return Number(m.requests);
    case "inputTokens": return Number(m.inputTokens);
    case "outputTokens": return Number(m.outputTokens);
    case "cachedInputTokens": return Number(m.cachedInputTokens);
    case "costPerRequest": return m.requests > 0n ? Number(m.costMicros) / Number(m.requests) : null;
  }
}

export type ShapedRow = { key: string; dims: (string | null)[]; metrics: Metrics; previous?: Metrics; other?: boolean };
export type ShapedPoint = { start: Date; key: string; dims: (string | null)[]; metrics: Metrics; other?: boolean };
export type Shaped = { rows: ShapedRow[]; series?: ShapedPoint[]; totals: Metrics; previousTotals?: Metrics };

export type ShapeOptions = {
  metric: SpendMetric;
  /** A metric name, or a group-by dimension (sorted by its label). */
  sort?: string;
  order: "asc" | "desc";
  limit: number;
  top: number;
  groupBy: string[];
  interval?: Interval;
  timezone: string;
  label?: (dimIndex: number, value: string | null) => string;
};

export const OTHER_KEY = "\u0000other";
const keyOf = (dims: (string | null)[]) => JSON.stringify(dims);

function groupTotals(rows: AggregateRow[]): Map<string, { dims: (string | null)[]; metrics: Metrics }> {
  const groups = new Map<string, { dims: (string | null)[]; metrics: Metrics }>();
  for (const r of rows) {
    const k = keyOf(r.dims);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { dims: r.dims, metrics: zeroMetrics() }));
    addMetrics(g.metrics, r);
  }
  return groups;
}

function compareBy(opts: ShapeOptions) {
  const dimIndex = opts.sort ? opts.groupBy.indexOf(opts.sort) : -1;
  const metric = (dimIndex < 0 ? (opts.sort as SpendMetric | undefined) : undefined) ?? opts.metric;
  const sign = opts.order === "asc" ? 1 : -1;
  return (a: { key: string; dims: (string | null)[]; metrics: Metrics }, b: typeof a) => {
    if (dimIndex >= 0) {
      const la = opts.label ? opts.label(dimIndex, a.dims[dimIndex]) : a.dims[dimIndex] ?? "";
      const lb = opts.label ? opts.label(dimIndex, b.dims[dimIndex]) : b.dims[dimIndex] ?? "";
      return sign * la.localeCompare(lb) || a.key.localeCompare(b.key);
    }
    const va = metricValue(a.metrics, metric);
    const vb = metricValue(b.metrics, metric);
    // Groups without a value (no requests) sort last either way.
    if (va === null || vb === null) return va === vb ? a.key.localeCompare(b.key) : va === null ? 1 : -1;
    return sign * (va - vb) || a.key.localeCompare(b.key);
  };
}

export function shapeSpend(current: AggregateRow[], previous: AggregateRow[] | undefined, opts: ShapeOptions): Shaped {
  const totals = current.reduce((t, r) => addMetrics(t, r), zeroMetrics());
  const groups = [...groupTotals(current)].map(([key, g]) => ({ key, ...g }));
  const prevGroups = previous ? groupTotals(previous) : undefined;
  groups.sort(compareBy(opts));

  const rows: ShapedRow[] = groups.slice(0, opts.limit).map((g) => ({
    ...g,
    ...(prevGroups ? { previous: prevGroups.get(g.key)?.metrics ?? zeroMetrics() } : {}),
  }));
  if (groups.length > opts.limit) {
    const rest = groups.slice(opts.limit);
    const metrics = rest.reduce((t, g) => addMetrics(t, g.metrics), zeroMetrics());
    const prev = prevGroups ? rest.reduce((t, g) => addMetrics(t, prevGroups.get(g.key)?.metrics ?? zeroMetrics()), zeroMetrics()) : undefined;
    rows.push({ key: OTHER_KEY, dims: opts.groupBy.map(() => null), metrics, ...(prev ? { previous: prev } : {}), other: true });
  }

  const shaped: Shaped = { rows, totals };
  if (previous) shaped.previousTotals = previous.reduce((t, r) => addMetrics(t, r), zeroMetrics());
  if (opts.interval) shaped.series = shapeSeries(current, groups, opts);
  return shaped;
}

function shapeSeries(current: AggregateRow[], groups: { key: string; dims: (string | null)[]; metrics: Metrics }[], opts: ShapeOptions): ShapedPoint[] {
  // The chart stacks the largest groups by the chosen metric, whatever the table's sort.
  const ranked = [...groups].sort(compareBy({ ...opts, sort: undefined, order: "desc" }));
  const topKeys = new Set(ranked.slice(0, opts.top).map((g) => g.key));
  const points = new Map<string, ShapedPoint>();
  const interval = opts.interval!;
  for (const r of current) {
    const start = intervalStart(r.t!, interval, opts.timezone);
    const k = keyOf(r.dims);
    const isTop = topKeys.has(k);
    const groupKey = isTop ? k : OTHER_KEY;
    const pk = `${start.getTime()}|${groupKey}`;
    let p = points.get(pk);
    if (!p) {
      p = { start, key: groupKey, dims: isTop ? r.dims : opts.groupBy.map(() => null), metrics: zeroMetrics(), ...(isTop ? {} : { other: true }) };
      points.set(pk, p);
    }
    addMetrics(p.metrics, r);
  }
  return [...points.values()].sort((a, b) => a.start.getTime() - b.start.getTime() || a.key.localeCompare(b.key));
}
