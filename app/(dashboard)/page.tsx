import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { loadOverview } from "@/lib/analytics/load-overview";
import { chartSeries } from "@/lib/analytics/chart-series";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Card, CardTitle } from "@/components/ui/card";
import { API_DOCS_HREF } from "@/components/ui/links";
import { StackedBarChart } from "@/components/charts/stacked-bar-chart";
import { AlertsCard, BudgetCard, BudgetsCard, TopCard } from "./overview-parts";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await pageActor();
  if (!can(actor, "spend:read")) return <AccessDenied area="Overview" />;
  const o = await loadOverview(actor);
  const hasUsage = o.trend.totals.requests > 0 || o.month.requests > 0;
  const scopeNote = actor.role === "lead" ? "your team's" : actor.role === "member" ? "your own" : "the organization's";

  return (
    <>
      <PageHeader title="Overview" description={`Where ${scopeNote} AI spend stands this month, in ${o.timezone}.`} />
      {!hasUsage ? (
        <EmptyState title="No spend yet" action={{ href: API_DOCS_HREF, label: "Read the API reference" }}>
          <p>
            Point a gateway at <code className="font-mono text-ink">POST /api/authorize</code> before each model call and report
            the real cost to <code className="font-mono text-ink">POST /api/usage</code>. Spend against budget, trends, top
            spenders and alerts appear here as soon as the first call is settled.
          </p>
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <div className="grid gap-4 lg:grid-cols-3">
            <BudgetCard o={o} />
            {o.budgets && <BudgetsCard budgets={o.budgets} />}
          </div>
          <Card>
            <CardTitle>Spend per day, last 30 days, by team</CardTitle>
            <StackedBarChart data={chartSeries(o.trend, "cost")} interval="day" timezone={o.timezone} label="Spend per day by team, last 30 days" height={260} />
          </Card>
          <div className="grid gap-4 lg:grid-cols-3">
            <TopCard title="Top teams" dim="team" result={o.top.team} />
            <TopCard title="Top models" dim="model" result={o.top.model} />
            <TopCard title="Top keys" dim="key" result={o.top.key} />
          </div>
          {o.alerts && <AlertsCard alerts={o.alerts} timezone={o.timezone} />}
        </div>
      )}
    </>
  );
}
