"use client";

import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { DateTimeText } from "@/components/ui/time-zone";
import { Badge } from "@/components/ui/badge";
import { formatInt } from "@/components/ui/format";
import { formatUsd } from "@/lib/money";
import { deletePriceAction } from "./actions";
import { PriceDialog } from "./price-dialog";

export type PriceRow = {
  id: string;
  status: "in force" | "ended" | "scheduled";
  provider: string;
  model: string;
  input: bigint;
  output: bigint;
  cachedInput: bigint | null;
  cacheWrite: bigint | null;
  maxOutputTokens: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  source: string | null;
  /** No other row prices this provider and model: deleting this one leaves the model unpriced. */
  onlyPrice: boolean;
};

function Usd({ micros }: { micros: bigint | null }) {
  if (micros === null) return <span className="block text-right text-ink-muted">—</span>;
  return <span className="block text-right tabular">{formatUsd(micros, { digits: micros % 10_000n === 0n ? 2 : 4 })}</span>;
}

const col = columnHelper<PriceRow>();
const right = { align: "right" as const };
const readColumns = [
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
  // One column for both dates: with the row actions, ten columns no longer fit a laptop-wide table.
  col.accessor("effectiveFrom", {
    header: "Effective",
    sortFn: "datetime",
    enableGlobalFilter: false,
    cell: ({ getValue, row: { original: p } }) => (
      <>
        <DateTimeText value={getValue()} dateOnly />
        {p.effectiveTo && (
          <span className="block text-xs text-ink-muted">
            until <DateTimeText value={p.effectiveTo} dateOnly />
          </span>
        )}
      </>
    ),
  }),
  col.accessor("status", {
    header: "Status",
    cell: (c) => <Badge tone={c.getValue() === "in force" ? "ok" : c.getValue() === "scheduled" ? "info" : "neutral"}>{c.getValue()}</Badge>,
  }),
];

const STATUS_SENTENCE: Record<PriceRow["status"], string> = {
  "in force": "It is in force now.",
  ended: "It has already ended.",
  scheduled: "It has not started yet.",
};

function deleteConsequence(p: PriceRow): string {
  const name = `${p.provider}/${p.model}`;
  const after = p.onlyPrice
    ? `It is the only price for ${name}: its requests will be denied unless the org sets a fallback price.`
    : `The price for ${name} before it, if any, stays in force until the next one starts.`;
  return `${STATUS_SENTENCE[p.status]} ${after} This cannot be undone.`;
}

const actionsColumn = col.display({
  id: "actions",
  header: () => <span className="sr-only">Actions</span>,
  // On a narrow table the buttons stack rather than push Delete out of sight.
  cell: ({ row: { original: p } }) => (
    <div className="flex flex-wrap justify-end gap-1">
      <PriceDialog mode="edit" price={p} />
      <ConfirmAction
        label="Delete"
        ariaLabel={`Delete price ${p.provider}/${p.model} (${p.status})`}
        title={`Delete the price for ${p.provider}/${p.model}?`}
        description={deleteConsequence(p)}
        confirmLabel="Delete price"
        pendingLabel="Deleting…"
        successMessage={`Price for ${p.provider}/${p.model} deleted`}
        run={() => deletePriceAction(p.id)}
      />
    </div>
  ),
});

// price:update is org-wide, so the whole column is there or not: readers get no empty column.
const columns = col.columns(readColumns);
const editableColumns = col.columns([...readColumns, actionsColumn]);

export function PricesTable({ rows, empty, canEdit }: { rows: PriceRow[]; empty: React.ReactNode; canEdit: boolean }) {
  return (
    <DataTable label="Model prices (USD per million tokens)" columns={canEdit ? editableColumns : columns} data={rows} getRowId={(r) => r.id} empty={empty} searchPlaceholder="Search provider or model…" />
  );
}
