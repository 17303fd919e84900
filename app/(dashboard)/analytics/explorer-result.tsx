"use client";
// Totals, the stacked chart and the table of one explorer answer, plus CSV export of exactly the rows
// the table shows (same sort and search, all pages).
import { useMemo } from "react";
import { useSearchParams } from "next/navigation";
import type { SpendMetric, SpendResultOut, SpendRowOut } from "@/lib/schemas/spend";
import { chartSeries } from "@/lib/analytics/chart-series";
import { spendCsv } from "@/lib/analytics/spend-csv";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { formatChartValue } from "@/components/charts/format";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { formatInt } from "@/components/ui/format";
import { SpendTable, sortRows } from "./spend-table";
import { Delta } from "./delta";

type Props = { result: SpendResultOut; params: string; metric: SpendMetric };

const usd = (v: number | null) => (v === null ? "—" : formatChartValue(v, "usd"));

export function ExplorerResult({ result, params, metric }: Props) {
  const search = useSearchParams();
  const chart = useMemo(() => chartSeries(result, metric), [result, metric]);
  const prev = result.previous?.totals;
  const t = result.totals;

  function exportCsv() {
    const rows = sortRows(result.rows, search.get("t_sort"), search.get("t_q"), result.groupBy);
    const blob = new Blob([spendCsv({ ...result, rows })], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `spend-${result.from.slice(0, 10)}-${result.to.slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  }

  return (
    <div className="mt-6 space-y-6">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Spend" value={usd(t.costUsd)} delta={prev && <Delta current={t.costUsd} previous={prev.costUsd} money />} />
        <Stat label="Requests" value={formatInt(t.requests)} delta={prev && <Delta current={t.requests} previous={prev.requests} />} />
        <Stat label="Tokens (input / output)" value={`${formatChartValue(t.inputTokens, "count", true)} / ${formatChartValue(t.outputTokens, "count", true)}`} />
        <Stat label="Cost per request" value={usd(t.costPerRequestUsd)} delta={prev && t.costPerRequestUsd !== null && prev.costPerRequestUsd !== null ? <Delta current={t.costPerRequestUsd} previous={prev.costPerRequestUsd} money /> : undefined} />
      </div>
      {result.interval && chart.points.length > 0 && (
        <Card>
          <h2 className="mb-2 text-base font-semibold text-ink">
            {metricLabel(metric)} by {result.interval}{result.groupBy.length ? ` — top 10 ${result.groupBy.join(" × ")} + other` : ""}
          </h2>
          <StackedBarChart data={chart} interval={result.interval as "day"} timezone={result.timezone} label={`${metricLabel(metric)} over time`} />
        </Card>
      )}
      <div>
        <div className="mb-2 flex items-center justify-between">
          <h2 className="text-base font-semibold text-ink">Breakdown</h2>
          <Button variant="secondary" size="sm" onClick={exportCsv}>Export CSV</Button>
        </div>
        <SpendTable result={result} params={params} />
      </div>
    </div>
  );
}

export function metricLabel(metric: SpendMetric): string {
  return { cost: "Spend (USD)", requests: "Requests", inputTokens: "Input tokens", outputTokens: "Output tokens", cachedInputTokens: "Cached input tokens", costPerRequest: "Cost per request (USD)" }[metric];
}

function Stat({ label, value, delta }: { label: string; value: string; delta?: React.ReactNode }) {
  return (
    <Card>
      <p className="text-sm text-ink-muted">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-ink tabular">{value}</p>
      {delta && <p className="mt-1 text-sm">{delta} <span className="text-ink-muted">vs previous period</span></p>}
    </Card>
  );
}

export type { SpendRowOut };
