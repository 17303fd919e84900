"use client";

import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import { DateTimeText } from "@/components/ui/time-zone";

export type DeliveryRow = {
  id: string;
  url: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
};

/** A failed row with no attempt was never sent: a repeated soft alert inside the budget's cooldown. */
function statusOf(d: DeliveryRow): { label: string; tone: "ok" | "warn" | "danger" | "neutral" } {
  if (d.status === "delivered") return { label: "delivered", tone: "ok" };
  if (d.status === "pending") return { label: d.attempts ? "retrying" : "pending", tone: "warn" };
  return d.attempts === 0 ? { label: "skipped", tone: "neutral" } : { label: "failed", tone: "danger" };
}

const col = columnHelper<DeliveryRow>();
const columns = col.columns([
  col.accessor("createdAt", { header: "Created", sortFn: "text", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} /> }),
  col.accessor("event", { header: "Event", cell: (c) => <span className="font-mono text-xs">{c.getValue()}</span> }),
  col.accessor("url", { header: "Endpoint", cell: (c) => <span className="font-mono text-xs break-all">{c.getValue()}</span> }),
  col.accessor("status", {
    header: "Status",
    cell: (c) => {
      const s = statusOf(c.row.original);
      return <Badge tone={s.tone}>{s.label}</Badge>;
    },
  }),
  col.accessor("attempts", { header: "Attempts", sortFn: "basic", enableGlobalFilter: false, meta: { align: "right" }, cell: (c) => <span className="block text-right tabular">{c.getValue()}</span> }),
  col.accessor("lastStatusCode", {
    header: "Response",
    sortFn: "basic",
    enableGlobalFilter: false,
    cell: (c) => (c.getValue() !== null ? <span className="tabular">HTTP {c.getValue()}</span> : <span className="text-ink-muted">—</span>),
  }),
  col.accessor("lastError", {
    header: "Detail",
    cell: (c) => {
      const d = c.row.original;
      if (d.status === "pending" && d.nextAttemptAt) return <span className="text-xs">next try <DateTimeText value={d.nextAttemptAt} /></span>;
      return c.getValue() ? <span className="text-xs">{c.getValue()}</span> : <span className="text-ink-muted">—</span>;
    },
  }),
]);

export function DeliveriesTable({ rows }: { rows: DeliveryRow[] }) {
  return (
    <DataTable
      label="Webhook deliveries"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      paramPrefix="d"
      defaultSort="createdAt.desc"
      searchPlaceholder="Search events, endpoints, errors…"
      empty={<p className="px-4 py-6 text-sm text-ink-muted">No deliveries yet. “Send test” sends one now; alerts are sent as they are raised.</p>}
    />
  );
}
