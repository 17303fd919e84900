// The daily rollups recomputed from the hourly ones equal what the writers maintain, and after a
// timezone change the explorer's day series (now partly read from the rebuilt daily rows) still
// equals the raw events bucketed in the new zone.
import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { db } from "@/lib/db";
import { updateOrg } from "@/lib/org/update-org";
import { spendQuerySchema } from "@/lib/schemas/spend";
import type { Actor } from "@/lib/auth/actor";
import { querySpend } from "./query-spend";
import { backfillDailyRollups, rebuildDailyRollups } from "./rebuild-daily-rollups";
import type { RollupEvent } from "./rollup-deltas";
import { createSpendOrg, writeUsage, type SpendOrg } from "./testing/spend-fixtures";

const T0 = Date.parse("2026-03-01T00:00:00Z");
const FEATURES = ["search", "chat", undefined];

function events(org: SpendOrg, n: number): RollupEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const key = org.keys[i % org.keys.length];
    return {
      occurredAt: new Date(T0 + ((i * 7_919_000) % (20 * 86_400_000))),
      teamId: key.teamId, userId: key.userId, apiKeyId: key.id, provider: "openai", model: i % 3 ? "gpt-4o" : "gpt-4o-mini",
      inputTokens: 100 + i, outputTokens: i % 50, cachedInputTokens: 0, cacheWriteTokens: 0, costMicros: BigInt(1_000 + i * 37),
      status: i % 11 ? "ok" : "error", latencyMs: i % 900, estimatedCostMicros: BigInt(1_100 + i),
      tags: FEATURES[i % 3] ? { feature: FEATURES[i % 3]! } : null,
    };
  });
}

const dailyRows = async (orgId: string) => {
  const strip = <T extends { id: string; orgId: string }>(rows: T[]) => rows.map(({ id: _i, orgId: _o, ...r }) => r);
  const plain = await db.usageDailyRollup.findMany({ where: { orgId }, orderBy: [{ day: "asc" }, { apiKeyId: "asc" }, { model: "asc" }] });
  const tags = await db.usageDailyTagRollup.findMany({ where: { orgId }, orderBy: [{ day: "asc" }, { apiKeyId: "asc" }, { model: "asc" }, { tagValue: "asc" }] });
  return { plain: strip(plain), tags: strip(tags) };
};

describe("rebuildDailyRollups", () => {
  it("recomputes exactly the daily rows the writers maintain", async () => {
    const org = await createSpendOrg("America/New_York");
    await writeUsage(org, events(org, 600));
    const written = await dailyRows(org.orgId);
    expect(written.plain.length).toBeGreaterThan(20);
    expect(written.tags.length).toBeGreaterThan(20);
    await db.$transaction((tx) => rebuildDailyRollups(tx, org.orgId, org.timezone));
    expect(await dailyRows(org.orgId)).toEqual(written);
  });

  it("backfills orgs that have hourly rollups but no daily ones", async () => {
    const org = await createSpendOrg("Asia/Kathmandu");
    await writeUsage(org, events(org, 300));
    const written = await dailyRows(org.orgId);
    await db.usageDailyRollup.deleteMany({ where: { orgId: org.orgId } });
    await db.usageDailyTagRollup.deleteMany({ where: { orgId: org.orgId } });
    expect(await backfillDailyRollups(db)).toBeGreaterThanOrEqual(1);
    expect(await dailyRows(org.orgId)).toEqual(written);
    expect(await backfillDailyRollups(db)).toBe(0);
  });

  it("follows a timezone change: day series equal the raw events in the new zone", async () => {
    const org = await createSpendOrg("UTC");
    const evs = events(org, 500);
    await writeUsage(org, evs);
    const owner = await db.user.create({ data: { orgId: org.orgId, role: "owner", name: "O", email: `o-${org.orgId}@example.test` } });
    const actor: Actor = { kind: "user", id: owner.id, orgId: org.orgId, role: "owner", teamId: null, userId: owner.id, label: "o" };
    await updateOrg(actor, { timezone: "Asia/Tokyo" });

    const from = DateTime.fromMillis(T0, { zone: "Asia/Tokyo" }).startOf("day").plus({ hours: 5 });
    const to = from.plus({ days: 15 });
    const result = await querySpend(actor, spendQuerySchema.parse({ from: from.toISO(), to: to.toISO(), interval: "day", groupBy: ["model"], limit: 1000 }));
    const expected = new Map<string, bigint>();
    for (const e of evs) {
      if (e.occurredAt < from.toJSDate() || e.occurredAt >= to.toJSDate()) continue;
      const k = `${DateTime.fromJSDate(e.occurredAt, { zone: "Asia/Tokyo" }).startOf("day").toMillis()}|${e.model}`;
      expected.set(k, (expected.get(k) ?? 0n) + e.costMicros);
    }
    const got = new Map(result.series!.filter((p) => p.metrics.costMicros > 0n).map((p) => [`${p.start.getTime()}|${p.dims[0]}`, p.metrics.costMicros]));
    expect(got).toEqual(expected);
  });
});
