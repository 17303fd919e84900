"use client";

import { DataTable } from "@/components/data-table/data-table";
import { columnHelper } from "@/components/data-table/features";
import { Badge } from "@/components/ui/badge";
import { DateTimeText } from "@/components/ui/time-zone";
import type { AuditEntryOut } from "@/lib/schemas/audit";
import { AuditDiff } from "./audit-diff";

/** A human name for the entity from its own before/after values, so ids are not the only clue. */
function entityLabel(e: AuditEntryOut): string | null {
  for (const v of [e.after, e.before]) {
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      const label = o.name ?? o.email ?? o.prefix;
      if (typeof label === "string") return label;
    }
  }
  return null;
}

const col = columnHelper<AuditEntryOut>();
const columns = col.columns([
  col.accessor("createdAt", { header: "When", sortFn: "text", enableGlobalFilter: false, cell: (c) => <DateTimeText value={c.getValue()} /> }),
  col.accessor("actorLabel", {
    header: "Who",
    cell: (c) => (
      <span>
        {c.getValue()}
        {c.row.original.actorType !== "user" && <span className="ml-1 text-xs text-ink-muted">({c.row.original.actorType.replace("_", " ")})</span>}
      </span>
    ),
  }),
  col.accessor("action", { header: "What", cell: (c) => <code className="font-mono text-xs">{c.getValue()}</code> }),
  col.accessor((e) => `${e.entityType} ${entityLabel(e) ?? ""} ${e.entityId}`, {
    id: "entity",
    header: "Entity",
    cell: (c) => (
      <div>
        <p>
          <Badge>{c.row.original.entityType}</Badge> <span className="font-medium">{entityLabel(c.row.original)}</span>
        </p>
        <p className="mt-0.5 font-mono text-xs text-ink-muted">{c.row.original.entityId}</p>
      </div>
    ),
  }),
  col.display({ id: "diff", header: "Change", cell: (c) => <AuditDiff before={c.row.original.before} after={c.row.original.after} note={c.row.original.note} /> }),
]);

export function AuditTable({ rows, empty }: { rows: AuditEntryOut[]; empty: React.ReactNode }) {
  return <DataTable label="Audit log" columns={columns} data={rows} getRowId={(r) => r.id} empty={empty} searchPlaceholder="Search who, action or entity…" />;
}
