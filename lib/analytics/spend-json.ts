// The JSON edge of the analytics answer: micro-dollars become USD numbers here and nowhere earlier.
import { microsToUsd } from "@/lib/money";
import type { SpendMetricsOut, SpendResultOut, SpendRowOut } from "@/lib/schemas/spend";
import type { Metrics } from "./shape-spend";
import type { SpendResult } from "./query-spend";
import { OTHER_LABEL } from "./spend-labels";

export function metricsOut(m: Metrics): SpendMetricsOut {
  return {
    costUsd: microsToUsd(m.costMicros),
    requests: Number(m.requests),
    inputTokens: Number(m.inputTokens),
    outputTokens: Number(m.outputTokens),
    cachedInputTokens: Number(m.cachedInputTokens),
    cacheWriteTokens: Number(m.cacheWriteTokens),
    // Micro-dollars per request, rounded to a whole micro-dollar; null without requests.
    costPerRequestUsd: m.requests > 0n ? microsToUsd((m.costMicros + m.requests / 2n) / m.requests) : null,
  };
}

export function spendResultOut(r: SpendResult): SpendResultOut {
  const group = (dims: (string | null)[], other?: boolean) =>
    Object.fromEntries(r.groupBy.map((d, i) => [d, other ? OTHER_LABEL : r.labels.label(d, dims[i])]));
  const groupIds = (dims: (string | null)[]) => Object.fromEntries(r.groupBy.map((d, i) => [d, dims[i] || null]));
  const total = r.totals.costMicros;
  const rows: SpendRowOut[] = r.rows.map((row) => ({
    group: group(row.dims, row.other),
    groupIds: groupIds(row.dims),
    ...metricsOut(row.metrics),
    share: total > 0n ? Number(row.metrics.costMicros) / Number(total) : null,
    ...(row.other ? { other: true } : {}),
    ...(row.previous ? { previous: metricsOut(row.previous) } : {}),
  }));
  return {
    from: r.from.toISOString(),
    to: r.to.toISOString(),
    timezone: r.timezone,
    groupBy: r.groupBy,
    interval: r.interval,
    rows,
    ...(r.series
      ? {
          series: r.series.map((p) => ({
            start: p.start.toISOString(),
            group: group(p.dims, p.other),
            groupKey: p.key,
            ...metricsOut(p.metrics),
          })),
        }
      : {}),
    totals: metricsOut(r.totals),
    ...(r.previousRange && r.previousTotals
      ? { previous: { from: r.previousRange.from.toISOString(), to: r.previousRange.to.toISOString(), totals: metricsOut(r.previousTotals) } }
      : {}),
  };
}
