// CSV of an analytics answer: one line per table row (exactly the rows the explorer shows), the group
// columns first, then the metrics; USD with 6 decimals, never rounded to cents.
import type { SpendMetricsOut, SpendResultOut } from "@/lib/schemas/spend";

export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  // Quote when needed; a leading =,+,-,@ would be a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === "string" ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const usd = (n: number | null) => (n === null ? "" : n.toFixed(6));

const METRIC_COLUMNS: [string, (m: SpendMetricsOut) => string | number | null][] = [
  ["cost_usd", (m) => usd(m.costUsd)],
  ["requests", (m) => m.requests],
  ["input_tokens", (m) => m.inputTokens],
  ["output_tokens", (m) => m.outputTokens],
  ["cached_input_tokens", (m) => m.cachedInputTokens],
  ["cost_per_request_usd", (m) => usd(m.costPerRequestUsd)],
];

export function spendCsv(result: Pick<SpendResultOut, "groupBy" | "rows" | "previous">): string {
  const compare = !!result.previous;
  const header = [
    ...result.groupBy,
    ...METRIC_COLUMNS.map(([n]) => n),
    "share",
    ...(compare ? ["previous_cost_usd", "previous_requests"] : []),
  ];
  const lines = [header.map(csvCell).join(",")];
  for (const row of result.rows) {
    lines.push(
      [
        ...result.groupBy.map((d) => row.group[d]),
        ...METRIC_COLUMNS.map(([, f]) => f(row)),
        row.share === null ? "" : row.share.toFixed(6),
        ...(compare ? [usd(row.previous?.costUsd ?? 0), row.previous?.requests ?? 0] : []),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}
