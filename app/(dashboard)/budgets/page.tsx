import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { loadBudgetTree } from "./load-tree";
import { flattenBudgets } from "./build-tree";
import { countBudgets } from "./filter-tree";
import { BudgetTree } from "./budget-tree";
import { ShadowReport } from "./shadow-report";

export const metadata: Metadata = { title: "Budgets" };

export default async function BudgetsPage() {
  const actor = await pageActor();
  if (!can(actor, "budget:read")) return <AccessDenied area="Budgets" />;
  const { tree, timezone, now } = await loadBudgetTree(actor);
  const shadows = flattenBudgets(tree).filter((b) => b.shadow);
  const canOversubscribe = actor.role === "owner" || actor.role === "admin" || actor.role === "finance";

  return (
    <>
      <PageHeader
        title="Budgets"
        description={`Spending limits on the organization, its teams, people and keys. A request is governed by every budget above it and the most restrictive wins. Windows follow ${timezone}.`}
      />
      {countBudgets(tree) === 0 && (
        <p className="mb-4 rounded-md border border-dashed border-line-strong bg-paper px-4 py-3 text-sm text-ink-muted">
          No budgets yet. Until one exists, requests are limited only by key rate limits.{" "}
          {tree.canCreate ? "Start with “+ Budget” on the organization or a team below." : "Finance or an admin sets the first ones."}
        </p>
      )}
      <BudgetTree tree={tree} now={now} timezone={timezone} canOversubscribe={canOversubscribe} />
      <ShadowReport budgets={shadows} now={now} />
    </>
  );
}
