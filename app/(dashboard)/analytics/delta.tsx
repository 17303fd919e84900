// Change vs the previous period: absolute and percent. Up is not "good" for spend, so colours say
// direction only in words and arrows, never green for more spending.
import { formatChartValue } from "@/components/charts/format";

export function deltaPercent(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

export function Delta({ current, previous, money = false }: { current: number; previous: number; money?: boolean }) {
  const diff = current - previous;
  const pct = deltaPercent(current, previous);
  const sign = diff > 0 ? "+" : diff < 0 ? "−" : "±";
  const abs = money ? formatChartValue(Math.abs(diff), "usd") : Math.abs(diff).toLocaleString("en-US");
  const arrow = diff > 0 ? "▲" : diff < 0 ? "▼" : "";
  return (
    <span className={diff > 0 ? "text-warn" : diff < 0 ? "text-ok" : "text-ink-muted"}>
      <span aria-hidden="true">{arrow} </span>
      {sign}
      {abs}
      {pct === null ? (previous === 0 && current > 0 ? " (new)" : "") : ` (${sign}${Math.abs(pct).toFixed(1)}%)`}
    </span>
  );
}
