// Everything the overview page shows, as plain data: this month's spend against the org budget with
// a forecast to the end of the window, spend over the last 30 days, top teams/models/keys with their
// change vs the previous 30 days, recent alerts and the budgets closest to their limit.
import { DateTime } from "luxon";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { forecastWindow } from "@/lib/alerts/forecast";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { listBudgets } from "@/lib/budgets/list-budgets";
import { windowFor } from "@/lib/enforcement/windows";
import { usdToMicros } from "@/lib/money";
import { spendQuerySchema, type SpendQueryInput, type SpendResultOut } from "@/lib/schemas/spend";
import type { AlertOut } from "@/lib/schemas/alert";
import type { BudgetOut } from "@/lib/schemas/budget";
import { querySpend } from "./query-spend";
import { spendResultOut } from "./spend-json";

export type Overview = {
  timezone: string;
  month: { from: string; to: string; label: string; spentUsd: number; requests: number; previousUsd: number };
  orgBudget: { name: string; limitUsd: number; windowStart: string; resetAt: string } | null;
  forecast: { projectedUsd: number; crossesAt: string | null; willExceed: boolean } | null;
  trend: SpendResultOut;
  top: { team: SpendResultOut; model: SpendResultOut; key: SpendResultOut };
  alerts: AlertOut[] | null;
  budgets: (BudgetOut & { usedShare: number })[] | null;
};

const run = async (actor: Actor, q: SpendQueryInput) => spendResultOut(await querySpend(actor, spendQuerySchema.parse(q)));

export async function loadOverview(actor: Actor, now: Date = new Date()): Promise<Overview> {
  const org = await db.organization.findFirstOrThrow({ where: { id: actor.orgId }, select: { timezone: true } });
  const tz = org.timezone;
  const today = DateTime.fromJSDate(now, { zone: tz }).startOf("day");
  const monthStart = today.startOf("month");
  const d = (t: DateTime) => t.toISODate()!;
  const last30 = { from: d(today.minus({ days: 29 })), to: d(today.plus({ days: 1 })) };
  // Month to date vs the same number of days of the previous month (compare=previous is same length).
  const [month, trend, team, model, key] = await Promise.all([
    run(actor, { from: monthStart.toISO()!, to: now.toISOString(), compare: "previous" }),
    run(actor, { ...last30, groupBy: ["team"], interval: "day", top: 6 }),
    run(actor, { ...last30, groupBy: ["team"], compare: "previous", limit: 5 }),
    run(actor, { ...last30, groupBy: ["model"], compare: "previous", limit: 5 }),
    run(actor, { ...last30, groupBy: ["key"], compare: "previous", limit: 5 }),
  ]);

  const orgBudgetRow = can(actor, "budget:read")
    ? await db.budget.findFirst({ where: { orgId: actor.orgId, level: "org", period: "monthly", filterModel: null, filterProvider: null, filterTagKey: null }, orderBy: { createdAt: "asc" } })
    : null;
  const orgVisible = orgBudgetRow && can(actor, "spend:read") && actor.role !== "lead" && actor.role !== "member";
  let orgBudget: Overview["orgBudget"] = null;
  let forecast: Overview["forecast"] = null;
  const window = windowFor({ period: "monthly" }, now, tz);
  const spentMicros = usdToMicros(month.totals.costUsd.toFixed(6));
  const f = forecastWindow({ limitMicros: orgBudgetRow?.limitMicros ?? 0n, spentMicros, windowStart: window.start, windowEnd: window.end, now });
  if (f) forecast = { projectedUsd: Number(f.projectedMicros) / 1e6, crossesAt: orgVisible ? f.crossesAt?.toISOString() ?? null : null, willExceed: !!orgVisible && f.willExceed };
  if (orgBudgetRow && orgVisible) {
    orgBudget = { name: orgBudgetRow.name, limitUsd: Number(orgBudgetRow.limitMicros) / 1e6, windowStart: window.start.toISOString(), resetAt: window.end.toISOString() };
  }

  const [alerts, budgets] = await Promise.all([
    can(actor, "alert:read") ? listAlerts(actor, { limit: 5 }).then((r) => r.items) : null,
    can(actor, "budget:read") ? listBudgets(actor, { limit: 200 }, { now }).then((r) => r.items) : null,
  ]);
  const closest = budgets
    ?.filter((b) => b.limitUsd > 0)
    .map((b) => ({ ...b, usedShare: b.current.usedUsd / b.limitUsd }))
    .sort((a, b) => b.usedShare - a.usedShare)
    .slice(0, 5) ?? null;

  return {
    timezone: tz,
    month: {
      from: monthStart.toISO()!,
      to: now.toISOString(),
      label: monthStart.toFormat("LLLL yyyy"),
      spentUsd: month.totals.costUsd,
      requests: month.totals.requests,
      previousUsd: month.previous?.totals.costUsd ?? 0,
    },
    orgBudget,
    forecast,
    trend,
    top: { team, model, key },
    alerts,
    budgets: closest,
  };
}
