"use client";

import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import { DateTimeText } from "@/components/ui/time-zone";

export type AlertRow = { id: string; type: string; level: string; message: string; createdAt: Date; acknowledged: boolean };

const col = columnHelper<AlertRow>();

const columns = col.columns([
  col.accessor("createdAt", { header: "When", sortFn: "datetime", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} /> }),
  col.accessor("type", { header: "Type", cell: (c) => <Badge tone={c.getValue() === "runaway" ? "danger" : "warn"}>{c.getValue()}</Badge> }),
  col.accessor("level", { header: "Level" }),
  col.accessor("message", { header: "Message" }),
  col.accessor("acknowledged", {
    header: "Status",
    enableGlobalFilter: false,
    cell: (c) => (c.getValue() ? <Badge tone="ok">acknowledged</Badge> : <Badge tone="danger">open</Badge>),
  }),
]);

export function AlertsTable({ rows, empty }: { rows: AlertRow[]; empty: React.ReactNode }) {
  return <DataTable label="Alerts" columns={columns} data={rows} getRowId={(r) => r.id} empty={empty} defaultSort="createdAt.desc" />;
}
