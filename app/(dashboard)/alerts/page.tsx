import type { Metadata } from "next";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { visibleBudgetsWhere } from "@/lib/budgets/access";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { alertListQuerySchema, type AlertListQuery } from "@/lib/schemas/alert";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertsTable, type AlertRow } from "./alerts-table";
import { AlertFilters, type AlertFilterValues } from "./alert-filters";

export const metadata: Metadata = { title: "Alerts" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** URL -> filters; anything invalid is ignored rather than failing the page. */
function readFilters(sp: Search): { values: AlertFilterValues; query: AlertListQuery } {
  const status = (["open", "acknowledged", "all"] as const).find((s) => s === one(sp.status)) ?? "open";
  const parsed = alertListQuerySchema.safeParse({
    ...(one(sp.type) ? { type: one(sp.type) } : {}),
    ...(one(sp.level) ? { level: one(sp.level) } : {}),
    ...(one(sp.budgetId) ? { budgetId: one(sp.budgetId) } : {}),
  });
  const q = parsed.success ? parsed.data : {};
  const acknowledged = status === "open" ? "false" : status === "acknowledged" ? "true" : undefined;
  return {
    values: { status, type: q.type ?? "", level: q.level ?? "", budgetId: q.budgetId ?? "" },
    query: { ...q, ...(acknowledged ? { acknowledged } : {}), limit: 200 },
  };
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await pageActor();
  if (!can(actor, "alert:read")) return <AccessDenied area="Alerts" />;
  const { values, query } = readFilters(await searchParams);
  const [alerts, budgets] = await Promise.all([
    listAlerts(actor, query),
    db.budget.findMany({ where: visibleBudgetsWhere(actor), select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const canAck = can(actor, "alert:ack");
  const rows: AlertRow[] = alerts.items.map((a) => ({
    id: a.id,
    type: a.type,
    level: a.level ?? "—",
    budgetName: a.budgetName,
    message: a.message,
    createdAt: a.createdAt,
    acknowledgedAt: a.acknowledgedAt,
    canAck,
  }));
  const filtered = values.status !== "open" || values.type || values.level || values.budgetId;

  return (
    <>
      <PageHeader title="Alerts" description="Budget thresholds crossed, budgets exceeded, soft budgets over their limit, forecasts and runaway keys. They are also sent to your webhooks." />
      <AlertFilters values={values} budgets={budgets} />
      {alerts.nextCursor && <p className="mb-2 text-sm text-ink-muted">Showing the latest 200 matching alerts.</p>}
      <AlertsTable
        rows={rows}
        empty={
          filtered ? (
            <EmptyState title="No alerts match these filters" action={{ href: "/alerts?status=all", label: "Show every alert" }}>
              <p>Change the filters above, or show every alert including acknowledged ones.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No open alerts" action={{ href: "/budgets", label: "Review budgets and their thresholds" }}>
              <p>
                An alert is raised when spend crosses a budget threshold (80% and 100% by default), when a soft budget is
                exceeded, when a window is forecast to pass its limit before it resets, or when a key spends far faster than
                usual. They will be listed here, newest first, and sent to your webhooks.
              </p>
            </EmptyState>
          )
        }
      />
    </>
  );
}
