"use client";

import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Badge } from "@/components/ui/badge";
import { formatInt } from "@/components/ui/format";
import { DateTimeText } from "@/components/ui/time-zone";
import type { KeyOut, KeyStatus } from "@/lib/schemas/key";
import { revokeKeyAction } from "./actions";
import { EditKeyDialog } from "./edit-key-dialog";

export type KeyRow = KeyOut & { canRevoke: boolean; canEdit: boolean };

const STATUS_TONE: Record<KeyStatus, "ok" | "warn" | "danger" | "neutral"> = {
  active: "ok",
  disabled: "warn",
  expired: "neutral",
  revoked: "danger",
};

function Limit({ value, unit }: { value: number | null; unit: string }) {
  if (value === null) return <span className="block text-right text-ink-muted">none</span>;
  return <span className="block text-right tabular">{formatInt(value)} <span className="text-xs text-ink-muted">{unit}</span></span>;
}

const col = columnHelper<KeyRow>();
const right = { align: "right" as const };
const columns = col.columns([
  col.accessor("name", {
    header: "Key",
    cell: (c) => (
      <div>
        <p className="font-medium">{c.getValue()}</p>
        <p className="font-mono text-xs text-ink-muted" data-testid="key-prefix">{c.row.original.prefix}…</p>
      </div>
    ),
  }),
  col.accessor("teamName", { header: "Team" }),
  col.accessor("userEmail", { header: "Owner", cell: (c) => c.getValue() ?? <span className="text-ink-muted">service key</span> }),
  col.accessor("rpmLimit", { header: "RPM", enableGlobalFilter: false, meta: right, cell: (c) => <Limit value={c.getValue()} unit="req/min" /> }),
  col.accessor("tpmLimit", { header: "TPM", enableGlobalFilter: false, meta: right, cell: (c) => <Limit value={c.getValue()} unit="tok/min" /> }),
  col.accessor("expiresAt", { header: "Expires", sortFn: "text", enableGlobalFilter: false, cell: (c) => (c.getValue() ? <DateTimeText value={c.getValue()} dateOnly /> : <span className="text-ink-muted">never</span>) }),
  col.accessor("lastUsedAt", { header: "Last used", sortFn: "text", enableGlobalFilter: false, cell: (c) => (c.getValue() ? <DateTimeText value={c.getValue()} /> : <span className="text-ink-muted">never</span>) }),
  col.accessor("status", { header: "Status", cell: (c) => <Badge tone={STATUS_TONE[c.getValue()]}>{c.getValue()}</Badge> }),
  col.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row: { original: k } }) =>
      k.canRevoke || k.canEdit ? (
        <div className="flex justify-end gap-1">
          {k.canEdit && <EditKeyDialog keyRow={k} />}
          {k.canRevoke && <ConfirmAction
            label="Revoke"
            ariaLabel={`Revoke key ${k.name}`}
            title={`Revoke “${k.name}”?`}
            description={`Requests presenting ${k.prefix}… are denied from now on. Spend already recorded stays in reports. This cannot be undone.`}
            confirmLabel="Revoke key"
            pendingLabel="Revoking…"
            successMessage={`Key “${k.name}” revoked`}
            run={() => revokeKeyAction(k.id)}
          />}
        </div>
      ) : null,
  }),
]);

export function KeysTable({ rows, empty }: { rows: KeyRow[]; empty: React.ReactNode }) {
  return <DataTable label="API keys" columns={columns} data={rows} getRowId={(r) => r.id} empty={empty} searchPlaceholder="Search name, prefix, team or owner…" />;
}
