// Server-rendered pieces of the overview page.
import Link from "next/link";
import type { SpendResultOut } from "@/lib/schemas/spend";
import type { Overview } from "@/lib/analytics/load-overview";
import { formatChartValue } from "@/components/charts/format";
import { Card, CardTitle } from "@/components/ui/card";
import { formatDate, formatDateTime } from "@/components/ui/format";
import { Delta } from "./analytics/delta";

const usd = (v: number) => formatChartValue(v, "usd");

export function BudgetCard({ o }: { o: Overview }) {
  const limit = o.orgBudget?.limitUsd ?? null;
  const share = limit ? Math.min(1, o.month.spentUsd / limit) : null;
  const projectedShare = limit && o.forecast ? Math.min(1, o.forecast.projectedUsd / limit) : null;
  return (
    <Card className="lg:col-span-2">
      <CardTitle>Spend this month ({o.month.label})</CardTitle>
      <p className="mt-2 text-3xl font-semibold tabular">
        {usd(o.month.spentUsd)}
        {limit !== null && <span className="text-base font-normal text-ink-muted"> of {usd(limit)} ({o.orgBudget!.name})</span>}
      </p>
      <p className="mt-1 text-sm">
        <Delta current={o.month.spentUsd} previous={o.month.previousUsd} money /> <span className="text-ink-muted">vs the same days of last month</span>
      </p>
      {share !== null && (
        <div className="mt-4" aria-hidden="true">
          <div className="relative h-3 w-full overflow-hidden rounded-full bg-line">
            {projectedShare !== null && <div className="absolute inset-y-0 left-0 bg-amber-200" style={{ width: `${projectedShare * 100}%` }} />}
            <div className="absolute inset-y-0 left-0 bg-accent" style={{ width: `${share * 100}%` }} />
          </div>
        </div>
      )}
      {o.forecast && (
        <p className="mt-3 text-sm text-ink">
          Forecast at the end of the month: <strong className="tabular">{usd(o.forecast.projectedUsd)}</strong>
          {limit !== null && (o.forecast.willExceed
            ? <span className="text-danger"> — over budget{o.forecast.crossesAt ? ` from ${formatDate(o.forecast.crossesAt, o.timezone)}` : ""}</span>
            : <span className="text-ok"> — within budget</span>)}
          <span className="text-ink-muted"> (at this month&apos;s rate so far)</span>
        </p>
      )}
    </Card>
  );
}

const DIM_HREF: Record<string, string> = { team: "team", model: "model", key: "key" };

export function TopCard({ title, dim, result }: { title: string; dim: string; result: SpendResultOut }) {
  const rows = result.rows.filter((r) => !r.other);
  const movers = [...rows].sort((a, b) => Math.abs(b.costUsd - (b.previous?.costUsd ?? 0)) - Math.abs(a.costUsd - (a.previous?.costUsd ?? 0)))[0];
  return (
    <Card>
      <CardTitle>{title}</CardTitle>
      <p className="text-xs text-ink-muted">Last 30 days, change vs the 30 days before</p>
      {rows.length === 0 ? (
        <p className="mt-3 text-sm text-ink-muted">No spend in the last 30 days.</p>
      ) : (
        <table className="mt-3 w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead className="text-left text-xs text-ink-muted">
            <tr><th scope="col" className="pb-1 font-medium">Name</th><th scope="col" className="pb-1 text-right font-medium">Cost</th><th scope="col" className="pb-1 text-right font-medium">Change</th></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} className="border-t border-line">
                <td className="max-w-40 py-1.5">
                  <Link className="block truncate text-accent hover:underline" title={r.group[dim] ?? undefined} href={`/analytics?preset=30d&${DIM_HREF[dim]}=${encodeURIComponent(r.groupIds[dim] ?? "")}&groupBy=${dim === "team" ? "user" : dim === "key" ? "model" : "team"}`}>
                    {r.group[dim]}
                  </Link>
                  {r === movers && <span className="mt-0.5 inline-block rounded bg-warn-soft px-1 text-xs text-warn">top mover</span>}
                </td>
                <td className="py-1.5 text-right tabular">{usd(r.costUsd)}</td>
                <td className="py-1.5 text-right text-xs tabular"><Delta current={r.costUsd} previous={r.previous?.costUsd ?? 0} money /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

export function AlertsCard({ alerts, timezone }: { alerts: NonNullable<Overview["alerts"]>; timezone: string }) {
  return (
    <Card>
      <div className="flex items-baseline justify-between"><CardTitle>Recent alerts</CardTitle><Link href="/alerts" className="text-sm text-accent hover:underline">All alerts</Link></div>
      {alerts.length === 0 ? <p className="mt-3 text-sm text-ink-muted">No alerts. Budgets that cross a threshold or keys that run away will show here.</p> : (
        <ul className="mt-3 space-y-2 text-sm">
          {alerts.map((a) => (
            <li key={a.id} className="border-t border-line pt-2">
              <span className="mr-2 rounded bg-canvas px-1.5 py-0.5 text-xs font-medium text-ink">{a.type.replace("_", " ")}</span>
              {a.message}
              <span className="block text-xs text-ink-muted">{formatDateTime(a.createdAt, timezone)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function BudgetsCard({ budgets }: { budgets: NonNullable<Overview["budgets"]> }) {
  return (
    <Card>
      <div className="flex items-baseline justify-between"><CardTitle>Budgets closest to their limit</CardTitle><Link href="/budgets" className="text-sm text-accent hover:underline">All budgets</Link></div>
      {budgets.length === 0 ? <p className="mt-3 text-sm text-ink-muted">No budgets yet.</p> : (
        <ul className="mt-3 space-y-3 text-sm">
          {budgets.map((b) => (
            <li key={b.id}>
              <div className="flex justify-between gap-2">
                <span className="truncate">{b.name} <span className="text-xs text-ink-muted">({b.scope.level}, {b.period}, {b.enforcement})</span></span>
                <span className="tabular">{usd(b.current.usedUsd)} / {usd(b.limitUsd)}</span>
              </div>
              <div className="mt-1 h-2 w-full overflow-hidden rounded-full bg-line" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(b.usedShare * 100)} aria-label={`${b.name}: ${Math.round(b.usedShare * 100)}% used`}>
                <div className={b.usedShare >= 1 ? "h-full bg-danger" : b.usedShare >= 0.8 ? "h-full bg-amber-600" : "h-full bg-accent"} style={{ width: `${Math.min(100, b.usedShare * 100)}%` }} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
