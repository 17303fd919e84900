"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import type { WebhookOut } from "@/lib/schemas/webhook";
import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DateTimeText } from "@/components/ui/time-zone";
import { useToast } from "@/components/ui/toast";
import { deleteWebhookAction, sendTestWebhookAction, updateWebhookAction } from "./actions";
import { EVENT_LABEL } from "./create-webhook-dialog";

function RowActions({ hook }: { hook: WebhookOut }) {
  const [pending, setPending] = useState<"test" | "toggle" | null>(null);
  const router = useRouter();
  const { toast } = useToast();
  const host = new URL(hook.url).host;
  async function test() {
    setPending("test");
    const r = await sendTestWebhookAction(hook.id);
    setPending(null);
    if (!r.ok) return toast(r.error.message, "danger");
    const d = r.data;
    if (d.status === "delivered") toast(`Test delivered to ${host} (HTTP ${d.lastStatusCode})`);
    else toast(`Test to ${host} failed: ${d.lastError ?? `HTTP ${d.lastStatusCode}`}${d.status === "pending" ? " (will retry)" : ""}`, "danger");
    router.refresh();
  }
  async function toggle() {
    setPending("toggle");
    const r = await updateWebhookAction(hook.id, { enabled: !hook.enabled });
    setPending(null);
    if (!r.ok) return toast(r.error.message, "danger");
    toast(`Webhook to ${host} ${hook.enabled ? "disabled" : "enabled"}`);
    router.refresh();
  }
  return (
    <div className="flex justify-end gap-1">
      <Button variant="secondary" size="sm" onClick={test} disabled={pending !== null} aria-label={`Send a test to ${hook.url}`}>
        {pending === "test" ? "Sending…" : "Send test"}
      </Button>
      <Button variant="ghost" size="sm" onClick={toggle} disabled={pending !== null} aria-label={`${hook.enabled ? "Disable" : "Enable"} webhook ${hook.url}`}>
        {hook.enabled ? "Disable" : "Enable"}
      </Button>
      <ConfirmAction
        label="Delete"
        ariaLabel={`Delete webhook ${hook.url}`}
        title={`Delete the webhook to ${host}?`}
        description="Alerts stop being sent there at once, and its delivery log is deleted with it."
        confirmLabel="Delete webhook"
        pendingLabel="Deleting…"
        successMessage={`Webhook to ${host} deleted`}
        run={() => deleteWebhookAction(hook.id)}
      />
    </div>
  );
}

const col = columnHelper<WebhookOut>();
const columns = col.columns([
  col.accessor("url", { header: "Endpoint", cell: (c) => <span className="font-mono text-xs break-all">{c.getValue()}</span> }),
  col.accessor("format", { header: "Format", cell: (c) => <Badge tone="info">{c.getValue() === "slack" ? "Slack" : "JSON"}</Badge> }),
  col.accessor("events", {
    header: "Alerts",
    enableSorting: false,
    enableGlobalFilter: false,
    cell: (c) => (c.getValue().length ? c.getValue().map((e) => EVENT_LABEL[e] ?? e).join(", ") : <span className="text-ink-muted">all</span>),
  }),
  col.accessor("enabled", { header: "Status", enableGlobalFilter: false, cell: (c) => (c.getValue() ? <Badge tone="ok">enabled</Badge> : <Badge>disabled</Badge>) }),
  col.accessor("createdAt", { header: "Created", sortFn: "text", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} /> }),
  col.display({ id: "actions", header: () => <span className="sr-only">Actions</span>, cell: ({ row }) => <RowActions hook={row.original} /> }),
]);

export function WebhooksTable({ rows, empty }: { rows: WebhookOut[]; empty: React.ReactNode }) {
  return <DataTable label="Webhooks" columns={columns} data={rows} getRowId={(r) => r.id} empty={empty} paramPrefix="w" searchPlaceholder="Search endpoints…" />;
}
