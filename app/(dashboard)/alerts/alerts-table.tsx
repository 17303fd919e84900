"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DateTimeText } from "@/components/ui/time-zone";
import { useToast } from "@/components/ui/toast";
import { acknowledgeAlertsAction } from "./actions";

export type AlertRow = {
  id: string;
  type: string;
  level: string;
  budgetName: string | null;
  message: string;
  createdAt: string;
  acknowledgedAt: string | null;
  canAck: boolean;
};

const TYPE_LABEL: Record<string, string> = {
  threshold: "threshold",
  exceeded: "exceeded",
  soft_exceeded: "soft over limit",
  forecast: "forecast",
  runaway: "runaway",
};
const TYPE_TONE: Record<string, "warn" | "danger" | "info"> = { threshold: "warn", exceeded: "danger", soft_exceeded: "danger", forecast: "info", runaway: "danger" };

function AckButton({ row }: { row: AlertRow }) {
  const [pending, setPending] = useState(false);
  const router = useRouter();
  const { toast } = useToast();
  if (row.acknowledgedAt || !row.canAck) return null;
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={pending}
      aria-label={`Acknowledge alert: ${row.message}`}
      onClick={async () => {
        setPending(true);
        const result = await acknowledgeAlertsAction([row.id]);
        setPending(false);
        if (!result.ok) return toast(result.error.message, "danger");
        toast("Alert acknowledged");
        router.refresh();
      }}
    >
      {pending ? "Acknowledging…" : "Acknowledge"}
    </Button>
  );
}

const col = columnHelper<AlertRow>();
const columns = col.columns([
  col.accessor("createdAt", { header: "When", sortFn: "text", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} /> }),
  col.accessor("type", { header: "Type", cell: (c) => <Badge className="whitespace-nowrap" tone={TYPE_TONE[c.getValue()] ?? "warn"}>{TYPE_LABEL[c.getValue()] ?? c.getValue()}</Badge> }),
  col.accessor("level", { header: "Level" }),
  col.accessor("budgetName", { header: "Budget", cell: (c) => c.getValue() ?? <span className="text-ink-muted">—</span> }),
  col.accessor("message", { header: "Message", cell: (c) => <span className="block max-w-md">{c.getValue()}</span> }),
  col.accessor("acknowledgedAt", {
    header: "Status",
    sortFn: "text",
    enableGlobalFilter: false,
    cell: (c) => (c.getValue() ? <Badge tone="ok">acknowledged</Badge> : <Badge tone="danger">open</Badge>),
  }),
  col.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row }) => (
      <div className="flex justify-end">
        <AckButton row={row.original} />
      </div>
    ),
  }),
]);

export function AlertsTable({ rows, empty }: { rows: AlertRow[]; empty: React.ReactNode }) {
  const open = rows.filter((r) => !r.acknowledgedAt && r.canAck);
  const [pending, setPending] = useState(false);
  const router = useRouter();
  const { toast } = useToast();
  async function ackAll() {
    setPending(true);
    const result = await acknowledgeAlertsAction(open.slice(0, 200).map((r) => r.id));
    setPending(false);
    if (!result.ok) return toast(result.error.message, "danger");
    toast(`${result.data.length} alert(s) acknowledged`);
    router.refresh();
  }
  return (
    <>
      {open.length > 1 && (
        <div className="mb-3 flex justify-end">
          <Button variant="secondary" size="sm" onClick={ackAll} disabled={pending}>
            {pending ? "Acknowledging…" : `Acknowledge all ${Math.min(open.length, 200)} shown`}
          </Button>
        </div>
      )}
      <DataTable label="Alerts" columns={columns} data={rows} getRowId={(r) => r.id} empty={empty} defaultSort="createdAt.desc" searchPlaceholder="Search messages and budgets…" />
    </>
  );
}
