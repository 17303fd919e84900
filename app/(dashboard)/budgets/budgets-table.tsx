"use client";

import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import { formatUsd } from "@/lib/money";

export type BudgetRow = {
  id: string;
  name: string;
  level: string;
  scope: string;
  limitMicros: bigint;
  enforcement: string;
  period: string;
  shadow: boolean;
};

const col = columnHelper<BudgetRow>();
const columns = col.columns([
  col.accessor("name", { header: "Name" }),
  col.accessor("level", { header: "Level", cell: (c) => <Badge>{c.getValue()}</Badge> }),
  col.accessor("scope", { header: "Applies to" }),
  col.accessor("limitMicros", {
    header: "Limit",
    sortFn: "basic",
    enableGlobalFilter: false,
    meta: { align: "right" },
    cell: (c) => <span className="block text-right tabular">{formatUsd(c.getValue())} USD</span>,
  }),
  col.accessor("period", { header: "Period" }),
  col.accessor("enforcement", {
    header: "Enforcement",
    cell: (c) => (
      <span className="inline-flex gap-1">
        <Badge tone={c.getValue() === "hard" ? "danger" : "warn"}>{c.getValue()}</Badge>
        {c.row.original.shadow && <Badge tone="neutral">shadow</Badge>}
      </span>
    ),
  }),
]);

export function BudgetsTable({ rows, empty }: { rows: BudgetRow[]; empty: React.ReactNode }) {
  return <DataTable label="Budgets" columns={columns} data={rows} getRowId={(r) => r.id} empty={empty} defaultSort="name.asc" />;
}
