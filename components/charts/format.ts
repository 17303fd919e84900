// Axis and tooltip formatting for charts: units decided by the shaped data, dates in the org zone.
import type { ChartData } from "@/lib/analytics/chart-series";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const full = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatChartValue(v: number, unit: ChartData["unit"], axis = false): string {
  if (unit === "usd") {
    // Small amounts keep their significant digits: $0.0115 per request is not "$0.01" or "$0".
    if (axis) return Math.abs(v) > 0 && Math.abs(v) < 1 ? `$${Number(v.toPrecision(2))}` : `$${compact.format(v)}`;
    const digits = Math.abs(v) > 0 && Math.abs(v) < 1 ? 4 : 2;
    return `$${v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
  }
  const text = axis ? compact.format(v) : full.format(v);
  return unit === "tokens" && !axis ? `${text} tokens` : text;
}

export function formatTick(t: number, interval: "hour" | "day" | "week" | "month", timeZone: string, long = false): string {
  const opts: Intl.DateTimeFormatOptions =
    interval === "hour"
      ? { timeZone, day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit", hour12: false }
      : interval === "month"
        ? { timeZone, month: "short", year: "numeric" }
        : { timeZone, day: "2-digit", month: "short", ...(long ? { year: "numeric" } : {}) };
  const text = new Intl.DateTimeFormat("en-GB", opts).format(new Date(t));
  return interval === "week" && long ? `week of ${text}` : text;
}
