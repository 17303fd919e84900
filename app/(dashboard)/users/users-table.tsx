"use client";

import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Badge } from "@/components/ui/badge";
import { DateTimeText } from "@/components/ui/time-zone";
import { roleLabel } from "@/components/nav/role-label";
import type { UserOut } from "@/lib/schemas/user";
import type { RoleName } from "@/lib/schemas/common";
import { updateUserAction } from "./actions";
import { UserFormDialog, type TeamOption } from "./user-form-dialog";

export type UserRow = UserOut & { canManage: boolean };

const col = columnHelper<UserRow & { teams: TeamOption[]; actorRole: RoleName }>();
const columns = col.columns([
  // Name and email are one column, so searching finds either.
  col.accessor((u) => `${u.name} ${u.email}`, {
    id: "name",
    header: "Name",
    cell: (c) => (
      <div>
        <p className="font-medium">{c.row.original.name}</p>
        <p className="text-xs text-ink-muted">{c.row.original.email}</p>
      </div>
    ),
  }),
  col.accessor("role", { header: "Role", cell: (c) => <Badge tone={c.getValue() === "owner" || c.getValue() === "admin" ? "info" : "neutral"}>{roleLabel(c.getValue())}</Badge> }),
  col.accessor("teamName", { header: "Team", cell: (c) => c.getValue() ?? <span className="text-ink-muted">No team</span> }),
  col.accessor("disabled", {
    header: "Status",
    enableGlobalFilter: false,
    cell: (c) => (c.getValue() ? <Badge tone="danger">disabled</Badge> : <Badge tone="ok">active</Badge>),
  }),
  col.accessor("lastLoginAt", { header: "Last sign-in", sortFn: "text", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} /> }),
  col.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row: { original: u } }) =>
      u.canManage ? (
        <div className="flex justify-end gap-1">
          <UserFormDialog mode="edit" user={u} teams={u.teams} actorRole={u.actorRole} />
          <ConfirmAction
            label={u.disabled ? "Enable" : "Disable"}
            ariaLabel={`${u.disabled ? "Enable" : "Disable"} user ${u.email}`}
            tone={u.disabled ? "secondary" : "danger"}
            title={u.disabled ? `Enable ${u.name}?` : `Disable ${u.name}?`}
            description={
              u.disabled
                ? "They can sign in again with their password. Their keys stay as they are."
                : "They are signed out on their next request and cannot sign in. Their keys are not revoked."
            }
            confirmLabel={u.disabled ? "Enable user" : "Disable user"}
            pendingLabel="Saving…"
            successMessage={u.disabled ? `${u.name} enabled` : `${u.name} disabled`}
            run={() => updateUserAction(u.id, { disabled: !u.disabled })}
          />
        </div>
      ) : null,
  }),
]);

export function UsersTable({ rows, teams, actorRole }: { rows: UserRow[]; teams: TeamOption[]; actorRole: RoleName }) {
  const data = useMemo(() => rows.map((r) => ({ ...r, teams, actorRole })), [rows, teams, actorRole]);
  return <DataTable label="Users" columns={columns} data={data} getRowId={(r) => r.id} defaultSort="name.asc" searchPlaceholder="Search name or email…" />;
}
