// Property: for random event sets, every explorer query (each group-by, filter, interval, tag filter,
// timezone) over the rollups returns the same sums as aggregating the raw UsageEvent rows directly
// (SQL SUM for totals; the raw rows bucketed independently with luxon for groups and series).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DateTime } from "luxon";
import { db } from "@/lib/db";
import { spendQuerySchema, type SpendQueryInput } from "@/lib/schemas/spend";
import type { RollupEvent } from "./rollup-deltas";
import { querySpend, type SpendActor } from "./query-spend";
import { createSpendOrg, writeUsage, type SpendOrg } from "./testing/spend-fixtures";

// Santiago (back an hour at midnight, 5 April) and Lord Howe (back half an hour) test day edges at odd DST changes.
const ZONES = ["UTC", "Asia/Kolkata", "America/New_York", "Asia/Kathmandu", "Europe/London", "America/Santiago", "Australia/Lord_Howe"];
const MODELS = [
  { provider: "openai", model: "gpt-4o" },
  { provider: "openai", model: "gpt-4o-mini" },
  { provider: "anthropic", model: "claude-sonnet-4-5" },
  { provider: "anthropic", model: "claude-haiku-4-5" },
];
const FEATURES = ["search", "chat", "summarize"];
// 40 days around the 2026 spring DST changes (New York 8 March, London 29 March).
const T0 = Date.parse("2026-02-25T00:00:00Z");
const SPAN_H = 40 * 24;

const eventArb = fc.record({
  hour: fc.integer({ min: 0, max: SPAN_H - 1 }),
  minute: fc.integer({ min: 0, max: 59 }),
  key: fc.integer({ min: 0, max: 5 }),
  model: fc.integer({ min: 0, max: MODELS.length - 1 }),
  inputTokens: fc.integer({ min: 0, max: 50_000 }),
  outputTokens: fc.integer({ min: 0, max: 5_000 }),
  cachedInputTokens: fc.integer({ min: 0, max: 1_000 }),
  cost: fc.bigInt({ min: 0n, max: 5_000_000n }),
  feature: fc.option(fc.constantFrom(...FEATURES), { nil: undefined }),
});

const queryArb = fc.record({
  groupBy: fc.subarray(["team", "user", "key", "model", "provider", "tag:feature"], { maxLength: 2 }),
  interval: fc.option(fc.constantFrom("hour", "day", "week", "month"), { nil: undefined }),
  startDay: fc.integer({ min: 0, max: 30 }),
  startHour: fc.integer({ min: 0, max: 23 }),
  days: fc.integer({ min: 1, max: 40 }),
  teamFilter: fc.option(fc.integer({ min: 0, max: 1 }), { nil: undefined }),
  modelFilter: fc.option(fc.subarray(MODELS.map((m) => m.model), { minLength: 1 }), { nil: undefined }),
  providerFilter: fc.option(fc.constantFrom("openai", "anthropic"), { nil: undefined }),
  keyFilter: fc.option(fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }), { nil: undefined }),
  tagFilter: fc.option(fc.subarray(FEATURES, { minLength: 1 }), { nil: undefined }),
});

type EventInput = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;
type QueryInput = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;
type Ev = RollupEvent & { feature?: string };

function toEvents(org: SpendOrg, raw: EventInput[]): Ev[] {
  return raw.map((r) => {
    const key = org.keys[r.key];
    const m = MODELS[r.model];
    return {
      occurredAt: new Date(T0 + r.hour * 3_600_000 + r.minute * 60_000),
      teamId: key.teamId, userId: key.userId, apiKeyId: key.id, ...m,
      inputTokens: r.inputTokens, outputTokens: r.outputTokens, cachedInputTokens: r.cachedInputTokens,
      cacheWriteTokens: 0, costMicros: r.cost,
      tags: r.feature ? { feature: r.feature, other: "x" } : { other: "y" }, feature: r.feature,
    } as Ev;
  });
}

const dimOf = (e: Ev, d: string): string | null =>
  d === "team" ? e.teamId : d === "user" ? e.userId ?? "" : d === "key" ? e.apiKeyId : d === "model" ? e.model
    : d === "provider" ? e.provider : (e.feature ?? null);

type Sum = { cost: bigint; requests: bigint; input: bigint; output: bigint; cached: bigint };
const zero = (): Sum => ({ cost: 0n, requests: 0n, input: 0n, output: 0n, cached: 0n });
const addEv = (s: Sum, e: Ev) => {
  s.cost += e.costMicros; s.requests += 1n; s.input += BigInt(e.inputTokens); s.output += BigInt(e.outputTokens);
  s.cached += BigInt(e.cachedInputTokens);
};
const fromMetrics = (m: { costMicros: bigint; requests: bigint; inputTokens: bigint; outputTokens: bigint; cachedInputTokens: bigint }): Sum =>
  ({ cost: m.costMicros, requests: m.requests, input: m.inputTokens, output: m.outputTokens, cached: m.cachedInputTokens });

async function checkQuery(org: SpendOrg, events: Ev[], qa: QueryInput, actor: SpendActor, visible: (e: Ev) => boolean) {
  const start = DateTime.fromMillis(T0, { zone: org.timezone }).startOf("day").plus({ days: qa.startDay, hours: qa.startHour });
  const end = start.plus({ days: qa.days });
  const input: SpendQueryInput = {
    from: start.toISO()!, to: end.toISO()!, groupBy: qa.groupBy, interval: qa.interval, limit: 10_000, top: 50,
    team: qa.teamFilter !== undefined ? [org.teams[qa.teamFilter].id] : undefined,
    model: qa.modelFilter, provider: qa.providerFilter ? [qa.providerFilter] : undefined,
    key: qa.keyFilter?.map((i) => org.keys[i].id),
    tags: qa.tagFilter ? { feature: qa.tagFilter } : {},
  };
  const q = spendQuerySchema.parse(input);
  const result = await querySpend(actor, q);

  const selected = events.filter((e) =>
    visible(e) && e.occurredAt >= start.toJSDate() && e.occurredAt < end.toJSDate()
    && (!q.team || q.team.includes(e.teamId)) && (!q.model || q.model.includes(e.model))
    && (!q.provider || q.provider.includes(e.provider)) && (!q.key || q.key.includes(e.apiKeyId))
    && (!qa.tagFilter || (e.feature !== undefined && qa.tagFilter.includes(e.feature))));

  const totals = zero();
  selected.forEach((e) => addEv(totals, e));
  expect(fromMetrics(result.totals)).toEqual(totals);

  const groups = new Map<string, Sum>();
  for (const e of selected) {
    const k = JSON.stringify(qa.groupBy.map((d) => dimOf(e, d)));
    if (!groups.has(k)) groups.set(k, zero());
    addEv(groups.get(k)!, e);
  }
  const got = new Map(result.rows.map((r) => [JSON.stringify(r.dims), fromMetrics(r.metrics)]));
  expect(got).toEqual(groups);

  if (qa.interval) {
    const unit = qa.interval === "week" ? "week" : qa.interval;
    const points = new Map<string, Sum>();
    for (const e of selected) {
      const t = DateTime.fromJSDate(e.occurredAt, { zone: org.timezone }).startOf(unit).toMillis();
      const k = `${t}|${JSON.stringify(qa.groupBy.map((d) => dimOf(e, d)))}`;
      if (!points.has(k)) points.set(k, zero());
      addEv(points.get(k)!, e);
    }
    const series = new Map(result.series!.map((p) => [`${p.start.getTime()}|${JSON.stringify(p.dims)}`, fromMetrics(p.metrics)]));
    expect(series).toEqual(points);
  }

  if (!qa.tagFilter && !qa.groupBy.includes("tag:feature") && selected.length > 0) {
    // A direct SQL aggregate over the raw events agrees too.
    const where = {
      orgId: org.orgId, occurredAt: { gte: start.toJSDate(), lt: end.toJSDate() },
      ...(q.team ? { teamId: { in: q.team } } : {}), ...(q.model ? { model: { in: q.model } } : {}),
      ...(q.provider ? { provider: { in: q.provider } } : {}), ...(q.key ? { apiKeyId: { in: q.key } } : {}),
      ...(actor.role === "lead" ? { teamId: actor.teamId! } : {}), ...(actor.role === "member" ? { userId: actor.userId! } : {}),
    };
    const agg = await db.usageEvent.aggregate({ where, _sum: { costMicros: true }, _count: { _all: true } });
    expect(agg._sum.costMicros ?? 0n).toBe(totals.cost);
    expect(BigInt(agg._count._all)).toBe(totals.requests);
  }
}

describe("querySpend over rollups = aggregate over raw events", () => {
  it("holds for random events, queries and timezones (org-wide actor)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ZONES), fc.array(eventArb, { minLength: 0, maxLength: 150 }), fc.array(queryArb, { minLength: 1, maxLength: 6 }),
        async (zone, rawEvents, queries) => {
          const org = await createSpendOrg(zone);
          const events = toEvents(org, rawEvents);
          await writeUsage(org, events);
          const actor: SpendActor = { orgId: org.orgId, role: "finance", teamId: null, userId: null };
          for (const qa of queries) await checkQuery(org, events, qa, actor, () => true);
        }),
      { numRuns: 16 },
    );
  });

  it("scopes a lead to their team and a member to their own keys", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 40 }), queryArb, async (rawEvents, qa) => {
        const org = await createSpendOrg("Asia/Kolkata");
        const events = toEvents(org, rawEvents);
        await writeUsage(org, events);
        const lead = org.users.find((u) => u.role === "lead")!;
        const member = org.users.find((u) => u.role === "member" && u.teamId !== lead.teamId)!;
        await checkQuery(org, events, qa, { orgId: org.orgId, role: "lead", teamId: lead.teamId, userId: lead.id }, (e) => e.teamId === lead.teamId);
        await checkQuery(org, events, qa, { orgId: org.orgId, role: "member", teamId: member.teamId, userId: member.id }, (e) => e.userId === member.id);
      }),
      { numRuns: 6 },
    );
  });
});
