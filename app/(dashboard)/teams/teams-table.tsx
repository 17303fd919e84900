"use client";

import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { DateTimeText } from "@/components/ui/time-zone";
import type { TeamOut } from "@/lib/schemas/team";
import { deleteTeamAction } from "./actions";
import { TeamFormDialog } from "./team-form-dialog";

export type TeamRow = TeamOut & { canRename: boolean; canDelete: boolean };

const col = columnHelper<TeamRow>();
const right = { align: "right" as const };
const columns = col.columns([
  col.accessor("name", { header: "Team", cell: (c) => <span className="font-medium">{c.getValue()}</span> }),
  col.accessor("userCount", { header: "Members", enableGlobalFilter: false, meta: right, cell: (c) => <span className="block text-right tabular">{c.getValue()}</span> }),
  col.accessor("keyCount", { header: "Active keys", enableGlobalFilter: false, meta: right, cell: (c) => <span className="block text-right tabular">{c.getValue()}</span> }),
  col.accessor("createdAt", { header: "Created", sortFn: "text", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} dateOnly /> }),
  col.display({
    id: "actions",
    header: () => <span className="sr-only">Actions</span>,
    cell: ({ row: { original: t } }) => (
      <div className="flex justify-end gap-1">
        {t.canRename && <TeamFormDialog mode="rename" team={t} />}
        {t.canDelete && t.userCount === 0 && t.keyCount === 0 && (
          <ConfirmAction
            label="Delete"
            ariaLabel={`Delete team ${t.name}`}
            title={`Delete team “${t.name}”?`}
            description="The team has no members and no active keys. Its budgets are deleted with it. This cannot be undone."
            confirmLabel="Delete team"
            pendingLabel="Deleting…"
            successMessage={`Team “${t.name}” deleted`}
            run={() => deleteTeamAction(t.id)}
          />
        )}
      </div>
    ),
  }),
]);

export function TeamsTable({ rows, empty }: { rows: TeamRow[]; empty: React.ReactNode }) {
  return <DataTable label="Teams" columns={columns} data={rows} getRowId={(r) => r.id} empty={empty} defaultSort="name.asc" searchPlaceholder="Search teams…" />;
}
