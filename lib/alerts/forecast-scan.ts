// Raises forecast alerts: for each enforced budget, the current window's burn rate projected to the
// reset (forecast.ts). Once per budget window, thanks to the alert's unique dedupe key.
import { readableTime } from "@/lib/enforcement/alerts";
import { db } from "@/lib/db";
import { formatUsd } from "@/lib/money";
import { windowFor } from "@/lib/enforcement/windows";
import { periodSpec } from "@/lib/budgets/budget-row";
import { shouldForecastAlert } from "./forecast";

const isUnique = (e: unknown) => (e as { code?: string })?.code === "P2002";

/** Scans every org's enforced budgets (or one org's: tests and on-demand checks). */
export async function scanForecasts(now = new Date(), opts: { orgId?: string } = {}): Promise<number> {
  const budgets = await db.budget.findMany({
    where: { shadow: false, limitMicros: { gt: 0n }, ...(opts.orgId ? { orgId: opts.orgId } : {}) },
    select: { id: true, orgId: true, name: true, level: true, limitMicros: true, period: true, customEvery: true, customUnit: true, customStart: true, org: { select: { timezone: true } } },
  });
  if (!budgets.length) return 0;
  const windows = new Map(budgets.map((b) => [b.id, windowFor(periodSpec(b), now, b.org.timezone)]));
  const totals = await db.budgetWindow.findMany({
    where: { budgetId: { in: budgets.map((b) => b.id) }, windowStart: { in: [...new Set([...windows.values()].map((w) => w.start.getTime()))].map((t) => new Date(t)) } },
    select: { budgetId: true, windowStart: true, spentMicros: true },
  });
  const spent = new Map(totals.map((t) => [`${t.budgetId}@${t.windowStart.getTime()}`, t.spentMicros]));
  let raised = 0;
  for (const b of budgets) {
    const w = windows.get(b.id)!;
    const s = spent.get(`${b.id}@${w.start.getTime()}`) ?? 0n;
    const f = shouldForecastAlert({ limitMicros: b.limitMicros, spentMicros: s, windowStart: w.start, windowEnd: w.end, now });
    if (!f) continue;
    const at = f.crossesAt ? ` around ${readableTime(f.crossesAt, b.org.timezone)}` : "";
    try {
      await db.alert.create({
        data: {
          orgId: b.orgId,
          type: "forecast",
          level: b.level,
          budgetId: b.id,
          windowStart: w.start,
          dedupeKey: `budget:${b.id}:${w.start.toISOString()}:forecast`,
          message: `${b.name} (${b.level}) is on track to spend ${formatUsd(f.projectedMicros)} of its ${formatUsd(b.limitMicros)} limit this window; at the current rate it passes the limit${at}, before the reset on ${readableTime(w.end, b.org.timezone)}`,
          data: {
            limitUsd: Number(b.limitMicros) / 1e6,
            usedUsd: Number(s) / 1e6,
            projectedUsd: Number(f.projectedMicros) / 1e6,
            crossesAt: f.crossesAt?.toISOString() ?? null,
            resetAt: w.end.toISOString(),
          },
        },
      });
      raised++;
    } catch (e) {
      if (!isUnique(e)) throw e;
    }
  }
  return raised;
}
