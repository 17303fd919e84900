"use client";

import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { DateTimeText } from "@/components/ui/time-zone";
import { Badge } from "@/components/ui/badge";
import { formatInt } from "@/components/ui/format";
import { formatUsd } from "@/lib/money";

export type PriceRow = {
  id: string;
  status: "in force" | "ended" | "scheduled";
  provider: string;
  model: string;
  input: bigint;
  output: bigint;
  cachedInput: bigint | null;
  maxOutputTokens: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
};

function Usd({ micros }: { micros: bigint | null }) {
  if (micros === null) return <span className="block text-right text-ink-muted">—</span>;
  return <span className="block text-right tabular">{formatUsd(micros, { digits: micros % 10_000n === 0n ? 2 : 4 })}</span>;
}

const col = columnHelper<PriceRow>();
const right = { align: "right" as const };
const columns = col.columns([
  col.accessor("provider", { header: "Provider" }),
  col.accessor("model", { header: "Model", cell: (c) => <span className="font-mono text-xs">{c.getValue()}</span> }),
  col.accessor("input", { header: "Input USD/MTok", sortFn: "basic", enableGlobalFilter: false, meta: right, cell: (c) => <Usd micros={c.getValue()} /> }),
  col.accessor("output", { header: "Output USD/MTok", sortFn: "basic", enableGlobalFilter: false, meta: right, cell: (c) => <Usd micros={c.getValue()} /> }),
  col.accessor("cachedInput", { header: "Cached USD/MTok", enableSorting: false, enableGlobalFilter: false, meta: right, cell: (c) => <Usd micros={c.getValue()} /> }),
  col.accessor("maxOutputTokens", {
    header: "Max output",
    enableGlobalFilter: false,
    meta: right,
    cell: (c) => <span className="block text-right tabular">{formatInt(c.getValue())}</span>,
  }),
  col.accessor("effectiveFrom", { header: "Effective from", sortFn: "datetime", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} dateOnly /> }),
  col.accessor("effectiveTo", { header: "Until", enableSorting: false, enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} dateOnly /> }),
  col.accessor("status", {
    header: "Status",
    cell: (c) => <Badge tone={c.getValue() === "in force" ? "ok" : c.getValue() === "scheduled" ? "info" : "neutral"}>{c.getValue()}</Badge>,
  }),
]);

export function PricesTable({ rows, empty }: { rows: PriceRow[]; empty: React.ReactNode }) {
  return (
    <DataTable label="Model prices (USD per million tokens)" columns={columns} data={rows} getRowId={(r) => r.id} empty={empty} searchPlaceholder="Search provider or model…" />
  );
}
