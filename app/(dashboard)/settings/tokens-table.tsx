"use client";

import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTimeText } from "@/components/ui/time-zone";
import { roleLabel } from "@/components/nav/role-label";
import type { ApiTokenOut, GatewayTokenOut } from "@/lib/schemas/token";
import { revokeApiTokenAction, revokeGatewayTokenAction } from "./actions";

function Status({ revokedAt, expiresAt }: { revokedAt: string | null; expiresAt?: string | null }) {
  if (revokedAt) return <Badge tone="danger">revoked</Badge>;
  if (expiresAt && new Date(expiresAt) <= new Date()) return <Badge>expired</Badge>;
  return <Badge tone="ok">active</Badge>;
}

function Revoke({ token, kind }: { token: GatewayTokenOut; kind: "gateway" | "api" }) {
  if (token.revokedAt) return null;
  const what = kind === "gateway" ? "gateway token" : "admin API token";
  return (
    <div className="flex justify-end">
      <ConfirmAction
        label="Revoke"
        ariaLabel={`Revoke ${what} ${token.name}`}
        title={`Revoke “${token.name}”?`}
        description={`Anything still sending ${token.prefix}… is refused from now on. This cannot be undone.`}
        confirmLabel={`Revoke ${what}`}
        pendingLabel="Revoking…"
        successMessage={`${kind === "gateway" ? "Gateway" : "API"} token “${token.name}” revoked`}
        run={() => (kind === "gateway" ? revokeGatewayTokenAction(token.id) : revokeApiTokenAction(token.id))}
      />
    </div>
  );
}

const nameCell = (name: string, prefix: string) => (
  <div>
    <p className="font-medium">{name}</p>
    <p className="font-mono text-xs text-ink-muted">{prefix}…</p>
  </div>
);

const gw = columnHelper<GatewayTokenOut>();
const gatewayColumns = gw.columns([
  gw.accessor("name", { header: "Token", cell: (c) => nameCell(c.getValue(), c.row.original.prefix) }),
  gw.accessor("createdAt", { header: "Created", sortFn: "text", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} /> }),
  gw.accessor("lastUsedAt", { header: "Last used", sortFn: "text", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} /> }),
  gw.accessor("revokedAt", { header: "Status", enableSorting: false, enableGlobalFilter: false, cell: (c) => <Status revokedAt={c.getValue()} /> }),
  gw.display({ id: "actions", header: () => <span className="sr-only">Actions</span>, cell: (c) => <Revoke token={c.row.original} kind="gateway" /> }),
]);

const api = columnHelper<ApiTokenOut>();
const apiColumns = api.columns([
  api.accessor("name", { header: "Token", cell: (c) => nameCell(c.getValue(), c.row.original.prefix) }),
  api.accessor("role", { header: "Role", cell: (c) => <Badge tone="info">{roleLabel(c.getValue())}</Badge> }),
  api.accessor("expiresAt", { header: "Expires", sortFn: "text", enableGlobalFilter: false, cell: (c) => (c.getValue() ? <DateTimeText value={c.getValue()} dateOnly /> : <span className="text-ink-muted">never</span>) }),
  api.accessor("lastUsedAt", { header: "Last used", sortFn: "text", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} /> }),
  api.accessor("revokedAt", { header: "Status", enableSorting: false, enableGlobalFilter: false, cell: (c) => <Status revokedAt={c.getValue()} expiresAt={c.row.original.expiresAt} /> }),
  api.display({ id: "actions", header: () => <span className="sr-only">Actions</span>, cell: (c) => <Revoke token={c.row.original} kind="api" /> }),
]);

export function GatewayTokensTable({ rows }: { rows: GatewayTokenOut[] }) {
  return (
    <DataTable label="Gateway tokens" columns={gatewayColumns} data={rows} getRowId={(r) => r.id} paramPrefix="gw" searchPlaceholder="Search gateway tokens…"
      empty={<EmptyState title="No gateway tokens">Create one for each gateway or environment, so each can be revoked on its own.</EmptyState>} />
  );
}

export function ApiTokensTable({ rows }: { rows: ApiTokenOut[] }) {
  return (
    <DataTable label="Admin API tokens" columns={apiColumns} data={rows} getRowId={(r) => r.id} paramPrefix="adm" searchPlaceholder="Search API tokens…"
      empty={<EmptyState title="No admin API tokens">Create one for each script or integration that manages Purser through /api/v1.</EmptyState>} />
  );
}
