// npm run bench:analytics -- --db URL [--db URL2 ...] [--reps 5] [--org slug]
// Runs a fixed set of explorer queries (querySpend, the function behind /analytics and /api/v1/spend)
// against each database's largest seeded org and prints p50/p95 per query and overall, plus the
// rollup and event counts. Compare a 1 M and a 10 M database with the ratio of their p95s.
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { createDb, providerOf, type Db } from "@/lib/db";
import { querySpend, type SpendActor } from "@/lib/analytics/query-spend";
import { spendQuerySchema, type SpendQueryInput } from "@/lib/schemas/spend";

type Case = { name: string; actor?: "lead" | "member"; q: (c: Ctx) => SpendQueryInput };
type Ctx = { now: DateTime; d: (days: number) => string; team: string; key: string; models: string[] };

const range = (c: Ctx, days: number) => ({ from: c.d(days), to: c.now.plus({ days: 1 }).toISODate()! });
export const CASES: Case[] = [
  { name: "7d total", q: (c) => ({ ...range(c, 7) }) },
  { name: "30d by team", q: (c) => ({ ...range(c, 30), groupBy: ["team"] }) },
  { name: "90d by team, daily", q: (c) => ({ ...range(c, 90), groupBy: ["team"], interval: "day" }) },
  { name: "90d by model, weekly", q: (c) => ({ ...range(c, 90), groupBy: ["model"], interval: "week" }) },
  { name: "90d by team x model", q: (c) => ({ ...range(c, 90), groupBy: ["team", "model"] }) },
  { name: "90d by key", q: (c) => ({ ...range(c, 90), groupBy: ["key"] }) },
  { name: "30d by user, daily", q: (c) => ({ ...range(c, 30), groupBy: ["user"], interval: "day" }) },
  { name: "this month by provider, daily", q: (c) => ({ from: c.now.startOf("month").toISODate()!, to: c.now.plus({ days: 1 }).toISODate()!, groupBy: ["provider"], interval: "day" }) },
  { name: "last month by team x user", q: (c) => ({ from: c.now.minus({ months: 1 }).startOf("month").toISODate()!, to: c.now.startOf("month").toISODate()!, groupBy: ["team", "user"] }) },
  { name: "90d tag.feature filter by team", q: (c) => ({ ...range(c, 90), groupBy: ["team"], tags: { feature: ["retrieval", "support-bot"] } }) },
  { name: "90d by tag:feature, daily", q: (c) => ({ ...range(c, 90), groupBy: ["tag:feature"], interval: "day" }) },
  { name: "90d by tag:feature x model", q: (c) => ({ ...range(c, 90), groupBy: ["tag:feature", "model"] }) },
  { name: "7d by model, hourly", q: (c) => ({ ...range(c, 7), groupBy: ["model"], interval: "hour" }) },
  { name: "2d by key, hourly", q: (c) => ({ ...range(c, 2), groupBy: ["key"], interval: "hour" }) },
  { name: "90d one team by user, daily", q: (c) => ({ ...range(c, 90), team: [c.team], groupBy: ["user"], interval: "day" }) },
  { name: "90d two models by team, weekly", q: (c) => ({ ...range(c, 90), model: c.models.slice(0, 2), groupBy: ["team"], interval: "week" }) },
  { name: "90d anthropic by model, monthly", q: (c) => ({ ...range(c, 90), provider: ["anthropic"], groupBy: ["model"], interval: "month" }) },
  { name: "30d by team vs previous", q: (c) => ({ ...range(c, 30), groupBy: ["team"], compare: "previous" }) },
  { name: "90d by key x model", q: (c) => ({ ...range(c, 90), groupBy: ["key", "model"] }) },
  { name: "90d cost/request by model", q: (c) => ({ ...range(c, 90), groupBy: ["model"], metric: "costPerRequest", order: "asc" }) },
  { name: "30d one key, hourly", q: (c) => ({ ...range(c, 30), key: [c.key], interval: "hour" }) },
  { name: "90d lead: by user, daily", actor: "lead", q: (c) => ({ ...range(c, 90), groupBy: ["user"], interval: "day" }) },
  { name: "30d member: by model", actor: "member", q: (c) => ({ ...range(c, 30), groupBy: ["model"] }) },
  { name: "90d by team, daily, vs previous", q: (c) => ({ ...range(c, 90), groupBy: ["team"], interval: "day", compare: "previous" }) },
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function benchDb(url: string, reps: number, slug?: string) {
  process.env.DATABASE_URL = url;
  const db: Db = createDb(url);
  const orgs = await db.organization.findMany({ where: slug ? { slug } : {}, select: { id: true, slug: true, timezone: true } });
  let org = orgs[0];
  let rollups = 0;
  for (const o of orgs) {
    const n = await db.usageRollup.count({ where: { orgId: o.id } });
    if (n >= rollups) [org, rollups] = [o, n];
  }
  if (!org) throw new Error(`no organization in ${url}`);
  const [events, tagRollups, dailyRollups, lead, member, topKey, topModels] = await Promise.all([
    db.usageEvent.count({ where: { orgId: org.id } }),
    db.usageTagRollup.count({ where: { orgId: org.id } }),
    db.usageDailyRollup.count({ where: { orgId: org.id } }),
    db.user.findFirst({ where: { orgId: org.id, role: "lead" }, select: { id: true, teamId: true } }),
    db.user.findFirst({ where: { orgId: org.id, role: "member" }, select: { id: true, teamId: true } }),
    db.usageRollup.groupBy({ by: ["apiKeyId"], where: { orgId: org.id }, _sum: { costMicros: true }, orderBy: { _sum: { costMicros: "desc" } }, take: 1 }),
    db.usageRollup.groupBy({ by: ["model"], where: { orgId: org.id }, _sum: { requests: true }, orderBy: { _sum: { requests: "desc" } }, take: 3 }),
  ]);
  const now = DateTime.now().setZone(org.timezone);
  const ctx: Ctx = {
    now, d: (days) => now.minus({ days }).toISODate()!, team: lead?.teamId ?? "", key: topKey[0]?.apiKeyId ?? "", models: topModels.map((m) => m.model),
  };
  const actors: Record<string, SpendActor> = {
    finance: { orgId: org.id, role: "finance", teamId: null, userId: null },
    lead: { orgId: org.id, role: "lead", teamId: lead?.teamId ?? null, userId: lead?.id ?? null },
    member: { orgId: org.id, role: "member", teamId: member?.teamId ?? null, userId: member?.id ?? null },
  };
  console.log(`\n${providerOf(url)} ${url.replace(/\/\/[^@]*@/, "//")}: org ${org.slug}, ${events.toLocaleString()} events, ` +
    `${rollups.toLocaleString()} hourly and ${dailyRollups.toLocaleString()} daily rollup rows, ${tagRollups.toLocaleString()} hourly tag rollup rows`);
  const all: number[] = [];
  const perCase: { name: string; p50: number; p95: number; rows: number }[] = [];
  for (const c of CASES) {
    const q = spendQuerySchema.parse(c.q(ctx));
    const actor = actors[c.actor ?? "finance"];
    let rows = (await querySpend(actor, q, { db })).rows.length; // warm-up
    const times: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t = performance.now();
      rows = (await querySpend(actor, q, { db })).rows.length;
      times.push(performance.now() - t);
    }
    all.push(...times);
    perCase.push({ name: c.name, p50: pct(times, 50), p95: pct(times, 95), rows });
  }
  for (const p of perCase) console.log(`  ${p.name.padEnd(36)} p50 ${p.p50.toFixed(1).padStart(7)} ms  p95 ${p.p95.toFixed(1).padStart(7)} ms  ${p.rows} rows`);
  const summary = { db: providerOf(url), events, rollups, dailyRollups, queries: CASES.length, runs: all.length, p50: pct(all, 50), p95: pct(all, 95), max: Math.max(...all) };
  console.log(`  overall: ${summary.queries} queries x ${reps} runs: p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms, max ${summary.max.toFixed(1)} ms`);
  await db.$disconnect();
  return summary;
}

async function main() {
  const { values } = parseArgs({ options: { db: { type: "string", multiple: true }, reps: { type: "string", default: "5" }, org: { type: "string" } } });
  const urls = values.db ?? [process.env.DATABASE_URL ?? "file:data/purser.db"];
  const results = [];
  for (const url of urls) results.push(await benchDb(url, Number(values.reps), values.org));
  // The growth ratio per provider: p95 at the largest database over p95 at the smallest.
  for (const provider of new Set(results.map((r) => r.db))) {
    const same = results.filter((r) => r.db === provider).sort((a, b) => a.events - b.events);
    if (same.length < 2) continue;
    const [small, large] = [same[0], same[same.length - 1]];
    console.log(`${provider}: p95 at ${large.events.toLocaleString()} events / p95 at ${small.events.toLocaleString()} events = ` +
      `${(large.p95 / small.p95).toFixed(2)} (${large.p95.toFixed(1)} / ${small.p95.toFixed(1)} ms)`);
  }
  console.log("\nsummary (JSON):");
  for (const r of results) console.log(JSON.stringify({ ...r, p50: +r.p50.toFixed(1), p95: +r.p95.toFixed(1), max: +r.max.toFixed(1) }));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
