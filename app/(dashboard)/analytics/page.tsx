import type { Metadata } from "next";
import { db } from "@/lib/db";
import { scopeWhere } from "@/lib/auth/permissions";
import { pageActor } from "@/components/auth/page-actor";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { API_DOCS_HREF } from "@/components/ui/links";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage() {
  const actor = await pageActor();
  const scope = scopeWhere(actor, "spend:read") ?? { userId: "\u0000" };
  const anyUsage = await db.usageRollup.findFirst({ where: { orgId: actor.orgId, ...scope }, select: { id: true } });

  return (
    <>
      <PageHeader
        title="Analytics"
        description="Spend by team, user, key, model, provider and tag over any period, with drill-down and CSV export."
      />
      {!anyUsage ? (
        <EmptyState title="No usage to analyse yet" action={{ href: API_DOCS_HREF, label: "How gateways report usage" }}>
          <p>
            Breakdowns and time series are built from settled requests. Once a gateway reports calls to{" "}
            <code className="font-mono text-ink">POST /api/usage</code>, you can group spend by any two dimensions here, or query{" "}
            <code className="font-mono text-ink">GET /api/v1/spend</code> with an admin API token.
          </p>
        </EmptyState>
      ) : (
        <EmptyState title="Usage recorded" action={{ href: `${API_DOCS_HREF}#spend`, label: "Query spend through the API" }}>
          <p>
            Usage has been recorded for your organization. Use <code className="font-mono text-ink">GET /api/v1/spend</code> with{" "}
            <code className="font-mono text-ink">groupBy</code> and <code className="font-mono text-ink">interval</code> to break it down.
          </p>
        </EmptyState>
      )}
    </>
  );
}
