import type { Metadata } from "next";
import { db } from "@/lib/db";
import { can, reachOf } from "@/lib/auth/permissions";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertsTable, type AlertRow } from "./alerts-table";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const actor = await pageActor();
  if (!can(actor, "alert:read")) return <AccessDenied area="Alerts" />;
  // Alerts are not attributed to a team yet, so only org-wide readers list them.
  const alerts =
    reachOf(actor, "alert:read") === "org"
      ? await db.alert.findMany({ where: { orgId: actor.orgId }, orderBy: { createdAt: "desc" }, take: 500 })
      : [];
  const rows: AlertRow[] = alerts.map((a) => ({
    id: a.id,
    type: a.type,
    level: a.level ?? "—",
    message: a.message,
    createdAt: a.createdAt,
    acknowledged: a.acknowledgedAt !== null,
  }));

  return (
    <>
      <PageHeader title="Alerts" description="Budget thresholds crossed, soft budgets exceeded, forecasts and runaway keys." />
      <AlertsTable
        rows={rows}
        empty={
          <EmptyState title="No alerts" action={{ href: "/budgets", label: "Review budgets and their thresholds" }}>
            <p>
              An alert is raised when spend crosses a budget threshold (80% and 100% by default), when a soft budget is
              exceeded, or when a key spends far faster than usual. They will be listed here, newest first, and sent to your
              webhooks.
            </p>
          </EmptyState>
        }
      />
    </>
  );
}
