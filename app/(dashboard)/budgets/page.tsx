import type { Metadata } from "next";
import { db } from "@/lib/db";
import { can, scopeWhere } from "@/lib/auth/permissions";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { API_DOCS_HREF } from "@/components/ui/links";
import { BudgetsTable, type BudgetRow } from "./budgets-table";

export const metadata: Metadata = { title: "Budgets" };

export default async function BudgetsPage() {
  const actor = await pageActor();
  if (!can(actor, "budget:read")) return <AccessDenied area="Budgets" />;
  const scope = scopeWhere(actor, "budget:read") ?? { userId: "\u0000" };
  const budgets = await db.budget.findMany({
    where: { orgId: actor.orgId, ...scope },
    include: { team: { select: { name: true } }, user: { select: { email: true } }, apiKey: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
  const rows: BudgetRow[] = budgets.map((b) => ({
    id: b.id,
    name: b.name,
    level: b.level,
    scope: b.level === "org" ? "Organization" : (b.team?.name ?? b.user?.email ?? b.apiKey?.name ?? "—"),
    limitMicros: b.limitMicros,
    enforcement: b.enforcement,
    period: b.period === "custom" ? `every ${b.customEvery} ${b.customUnit}` : b.period,
    shadow: b.shadow,
  }));

  return (
    <>
      <PageHeader title="Budgets" description="Spending limits per organization, team, user and key. The most restrictive budget on a request's chain wins." />
      <BudgetsTable
        rows={rows}
        empty={
          <EmptyState title="No budgets yet" action={{ href: `${API_DOCS_HREF}#budgets`, label: "Create budgets through the API" }}>
            <p>
              Budgets cap spend per day, week, month or custom window, hard (deny) or soft (alert). Until one exists, requests
              are limited only by key rate limits. Create one with <code className="font-mono text-ink">POST /api/v1/budgets</code>;
              it will be listed here with its current window.
            </p>
          </EmptyState>
        }
      />
    </>
  );
}
