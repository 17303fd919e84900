import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { listAudit } from "@/lib/audit/list-audit";
import { auditQuerySchema } from "@/lib/schemas/audit";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { AuditTable } from "./audit-table";
import { AuditFilters, type AuditFilterValues } from "./audit-filters";

export const metadata: Metadata = { title: "Audit log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

export default async function AuditPage({ searchParams }: Props) {
  const actor = await pageActor();
  if (!can(actor, "audit:read")) return <AccessDenied area="the audit log" />;
  const sp = await searchParams;
  const filters: AuditFilterValues = { entityType: one(sp.entityType), action: one(sp.action), from: one(sp.from), to: one(sp.to) };
  // Dates in the filter are whole days (UTC); the schema wants instants.
  const parsed = auditQuerySchema.safeParse({
    entityType: filters.entityType,
    action: filters.action,
    from: filters.from ? `${filters.from}T00:00:00Z` : undefined,
    to: filters.to ? `${filters.to}T23:59:59.999Z` : undefined,
    cursor: one(sp.cursor),
    limit: 200,
  });
  const [page, types] = await Promise.all([
    parsed.success ? listAudit(actor, parsed.data) : null,
    db.auditEntry.findMany({ where: { orgId: actor.orgId }, distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } }),
  ]);
  const filtered = Object.values(filters).some(Boolean);
  const olderHref = page?.nextCursor
    ? `/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v) as [string, string][]), cursor: page.nextCursor })}`
    : null;

  return (
    <>
      <PageHeader title="Audit log" description="Every change to teams, users, keys, budgets, prices, tokens and settings: who, what, when, and the values before and after." />
      <AuditFilters values={filters} entityTypes={types.map((t) => t.entityType)} />
      {!parsed.success ? (
        <p role="alert" className="rounded-md border border-red-200 bg-danger-soft px-3 py-2 text-sm text-danger">
          These filters are not valid: {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </p>
      ) : (
        <AuditTable
          rows={page!.items}
          empty={
            <EmptyState title={filtered ? "No entries match these filters" : "No changes recorded yet"}>
              <p>{filtered ? "Widen the date range or clear a filter." : "Creating a team, a user or a key records an entry here, with its before and after values."}</p>
            </EmptyState>
          }
        />
      )}
      {(olderHref || one(sp.cursor)) && (
        <nav aria-label="Audit pages" className="mt-4 flex gap-4 text-sm">
          {one(sp.cursor) && <Link className="text-accent underline underline-offset-4" href={`/audit?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][])}`}>Newest entries</Link>}
          {olderHref && <Link className="text-accent underline underline-offset-4" href={olderHref}>Older entries</Link>}
        </nav>
      )}
    </>
  );
}
