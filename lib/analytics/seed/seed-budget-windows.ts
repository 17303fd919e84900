// After bulk-seeding usage, the durable budget windows (which settle maintains in production) are
// filled from the rollups, so budgets, the overview and enforcement agree with the seeded history.
import type { Db } from "@/lib/db";
import { windowFor } from "@/lib/enforcement/windows";

/**
 * Also calibrates the seeded monthly limits to the generated history (a seeded org of 10 k events
 * and one of 10 M events should both show budgets that mean something): each limit becomes the
 * larger of the previous month's spend and this month's pace, times a factor between 0.8 (a team
 * that will overrun) and 1.5.
 */
export async function seedBudgetWindows(db: Db, orgId: string, timezone: string, now: Date = new Date()): Promise<number> {
  const budgets = await db.budget.findMany({ where: { orgId } });
  let n = 0;
  const spent = async (b: (typeof budgets)[number], w: { start: Date; end: Date }) =>
    db.usageRollup.aggregate({
      where: {
        orgId,
        bucketMinute: { gte: Math.ceil(w.start.getTime() / 60_000), lt: Math.ceil(w.end.getTime() / 60_000) },
        ...(b.teamId ? { teamId: b.teamId } : {}),
        ...(b.userId ? { userId: b.userId } : {}),
        ...(b.apiKeyId ? { apiKeyId: b.apiKeyId } : {}),
      },
      _sum: { costMicros: true, requests: true },
    });
  for (const [i, b] of budgets.entries()) {
    if (b.period === "custom" || b.filterModel || b.filterProvider || b.filterTagKey) continue;
    const w = windowFor({ period: b.period }, now, timezone);
    const sum = await spent(b, w);
    if (b.period === "monthly") {
      const prev = windowFor({ period: "monthly" }, new Date(w.start.getTime() - 1), timezone);
      const last = (await spent(b, prev))._sum.costMicros ?? 0n;
      // This month's pace too: a team whose usage took off this month (a runaway incident, a new
      // product) would otherwise get a limit a fraction of what it already spent.
      const elapsed = BigInt(Math.max(1, now.getTime() - w.start.getTime()));
      const pace = ((sum._sum.costMicros ?? 0n) * BigInt(w.end.getTime() - w.start.getTime())) / elapsed;
      const basis = last > pace ? last : pace;
      const factor = BigInt([150, 80, 120, 95, 140, 110, 130, 90, 125][i % 9]);
      const limit = ((basis * factor) / 100n / 1_000_000n) * 1_000_000n;
      if (limit > 0n) await db.budget.update({ where: { id: b.id }, data: { limitMicros: limit } });
    }
    await db.budgetWindow.upsert({
      where: { budgetId_windowStart: { budgetId: b.id, windowStart: w.start } },
      create: { budgetId: b.id, windowStart: w.start, spentMicros: sum._sum.costMicros ?? 0n, requests: sum._sum.requests ?? 0 },
      update: { spentMicros: sum._sum.costMicros ?? 0n, requests: sum._sum.requests ?? 0 },
    });
    n++;
  }
  return n;
}
