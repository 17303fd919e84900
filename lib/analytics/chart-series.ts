// Chart data for the stacked spend chart, shaped here so the chart component only renders.
// Decisions made here: one point per interval start of the range (gaps included); an interval that
// has started but has no usage is a real 0, an interval that has not started yet is null (no data,
// not zero); cost per request is null where there were no requests; USD and token units by metric.
import type { SpendMetric, SpendPointOut, SpendResultOut } from "@/lib/schemas/spend";
import { intervalStarts, type Interval } from "./buckets";

/** `key` is a safe chart data key (g0, g1, ...); `id` the group key of the answer. */
export type ChartGroup = { key: string; id: string; label: string; color: string };
export type ChartPoint = { start: number; [groupKey: string]: number | null };
export type ChartData = { points: ChartPoint[]; groups: ChartGroup[]; unit: "usd" | "count" | "tokens"; stacked: boolean };

// Colour-blind-safe categorical palette (Okabe-Ito and Tableau-like), "other" in neutral grey.
const PALETTE = ["#1d4ed8", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d", "#dc2626", "#4b5563", "#a16207"];
export const OTHER_COLOR = "#94a3b8";

export const METRIC_UNIT: Record<SpendMetric, ChartData["unit"]> = {
  cost: "usd",
  costPerRequest: "usd",
  requests: "count",
  inputTokens: "tokens",
  outputTokens: "tokens",
  cachedInputTokens: "tokens",
};

export function pointValue(p: Pick<SpendPointOut, "costUsd" | "requests" | "inputTokens" | "outputTokens" | "cachedInputTokens" | "costPerRequestUsd">, metric: SpendMetric): number | null {
  switch (metric) {
    case "cost": return p.costUsd;
    case "requests": return p.requests;
    case "inputTokens": return p.inputTokens;
    case "outputTokens": return p.outputTokens;
    case "cachedInputTokens": return p.cachedInputTokens;
    case "costPerRequest": return p.costPerRequestUsd;
  }
}

export function groupLabel(group: Record<string, string | null>, groupBy: string[]): string {
  if (groupBy.length === 0) return "Total";
  return groupBy.map((d) => group[d] ?? "—").join(" · ");
}

export function chartSeries(result: Pick<SpendResultOut, "series" | "groupBy" | "from" | "to" | "timezone" | "interval">, metric: SpendMetric, now: Date = new Date()): ChartData {
  const unit = METRIC_UNIT[metric];
  const stacked = metric !== "costPerRequest"; // ratios do not add up
  if (!result.interval || !result.series) return { points: [], groups: [], unit, stacked };
  const interval = result.interval as Interval;
  const starts = intervalStarts(new Date(result.from), new Date(result.to), interval, result.timezone);

  // Groups in order of their total (largest at the bottom of the stack), "other" last.
  const totals = new Map<string, { label: string; total: number; other: boolean }>();
  for (const p of result.series) {
    const g = totals.get(p.groupKey) ?? { label: groupLabel(p.group, result.groupBy), total: 0, other: p.groupKey.startsWith("\u0000") };
    g.total += pointValue(p, metric === "costPerRequest" ? "cost" : metric) ?? 0;
    totals.set(p.groupKey, g);
  }
  const ordered = [...totals.entries()].sort((a, b) => Number(a[1].other) - Number(b[1].other) || b[1].total - a[1].total);
  const groups: ChartGroup[] = ordered.map(([id, g], i) => ({ key: `g${i}`, id, label: g.label, color: g.other ? OTHER_COLOR : PALETTE[i % PALETTE.length] }));

  const byStart = new Map<number, Map<string, SpendPointOut>>();
  for (const p of result.series) {
    const t = Date.parse(p.start);
    if (!byStart.has(t)) byStart.set(t, new Map());
    byStart.get(t)!.set(p.groupKey, p);
  }
  const points = starts.map((s) => {
    const t = s.getTime();
    const future = t > now.getTime();
    const at = byStart.get(t);
    const point: ChartPoint = { start: t };
    for (const g of groups) {
      const p = at?.get(g.id);
      point[g.key] = future ? null : p ? pointValue(p, metric) : metric === "costPerRequest" ? null : 0;
    }
    return point;
  });
  return { points, groups, unit, stacked };
}
