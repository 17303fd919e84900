// The production writer of the rollups is settle (the enforcement engine's group commit), not the
// seeders: usage settled through the real handlers (fast path and route handlers, singles, batches,
// authorize-then-settle) must read back through the explorer query (which reads only the rollups)
// exactly as the raw UsageEvent rows aggregate, for every group-by, interval and filter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import { db } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
import { Engine, getEngine, setEngine, shutdownEngine } from "@/lib/enforcement/engine";
import { bumpVersion, createEnforcementFixture, type Fixture } from "@/lib/enforcement/testing/fixtures";
import { fastPathTarget, routeTarget, type Target } from "@/lib/enforcement/testing/targets";
import { spendQuerySchema, type SpendQueryInput } from "@/lib/schemas/spend";
import { bucketMinuteFor } from "./buckets";
import { querySpend, type SpendActor } from "./query-spend";

const TZ = "Asia/Kolkata";
const FEATURES = ["search", "chat", "summarize", "a-much-longer-feature-name-" + "x".repeat(90)];
const ENVS = ["prod", "staging"];
const MODELS = [
  { model: "gpt-4o", provider: "openai" },
  { model: "claude-sonnet-4-5", provider: "anthropic" },
];
const N = 400;

/** Deterministic PRNG (mulberry32): a failure reproduces with the printed seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Keys = { secret: string; id: string; teamId: string; userId: string | null }[];

/** A second team with its own user key and a service key, plus a second key for the fixture user. */
async function moreKeys(f: Fixture): Promise<Keys> {
  const team2 = await db.team.create({ data: { orgId: f.orgId, name: `team2-${f.orgId}` } });
  const user2 = await db.user.create({ data: { orgId: f.orgId, teamId: team2.id, email: `u2-${f.orgId}@example.test`, name: "U2" } });
  const keys: Keys = [{ secret: f.apiKey, id: f.keyId, teamId: f.teamId, userId: f.userId }];
  for (const [teamId, userId] of [[f.teamId, f.userId], [team2.id, user2.id], [team2.id, null]] as const) {
    const s = newSecret("key");
    const k = await db.apiKey.create({ data: { orgId: f.orgId, teamId, userId, name: `k-${s.prefix}`, prefix: s.prefix, keyHash: s.hash } });
    keys.push({ secret: s.secret, id: k.id, teamId, userId });
  }
  await bumpVersion(f.orgId);
  return keys;
}

type Item = Record<string, unknown> & { requestId: string; apiKey: string };

function randomItems(keys: Keys, seed: number, n: number): Item[] {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const m = pick(MODELS);
    const inputTokens = Math.floor(r() * 20_000);
    const tags: Record<string, string> = {};
    if (r() < 0.75) tags.feature = pick(FEATURES);
    if (r() < 0.5) tags.env = pick(ENVS);
    if (r() < 0.5) tags.customer = `c${Math.floor(r() * 50)}`; // not an analytics key
    return {
      requestId: `sr-${seed}-${i}`,
      apiKey: pick(keys).secret,
      model: m.model,
      ...(r() < 0.5 ? { provider: m.provider } : {}),
      inputTokens,
      outputTokens: Math.floor(r() * 4_000),
      cachedInputTokens: Math.floor(r() * Math.min(inputTokens, 2_000)),
      ...(r() < 0.2 ? { cacheWriteTokens: Math.floor(r() * 500) } : {}),
      status: r() < 0.1 ? "error" : "ok",
      latencyMs: Math.floor(r() * 3_000),
      ...(Object.keys(tags).length ? { tags } : {}),
    };
  });
}

type Raw = {
  occurredAt: Date; bucketMinute: number; teamId: string; userId: string | null; apiKeyId: string; provider: string; model: string;
  inputTokens: number; outputTokens: number; cachedInputTokens: number; cacheWriteTokens: number; costMicros: bigint; tags: unknown;
};
type M = { requests: bigint; inputTokens: bigint; outputTokens: bigint; cachedInputTokens: bigint; cacheWriteTokens: bigint; costMicros: bigint };
const COLUMN = { team: "teamId", user: "userId", key: "apiKeyId", model: "model", provider: "provider" } as const;

/** One spelling for a dimension value on both sides: a service key has no user, an event may lack the tag. */
const norm = (dim: string, v: string | null | undefined) => (dim === "user" ? v || "(no user)" : (v ?? "(untagged)"));

function tagOf(e: Raw, key: string): string | undefined {
  const t = (typeof e.tags === "string" ? JSON.parse(e.tags) : e.tags) as Record<string, string> | null;
  return t?.[key];
}

/** The raw events folded independently: luxon local hour/day of occurredAt, never the stored bucket. */
function expectedFrom(events: Raw[], q: SpendQueryInput) {
  const groupBy = q.groupBy ?? [];
  const rows = new Map<string, M>();
  const series = new Map<string, M>();
  const totals = zero();
  for (const e of events) {
    const dims = groupBy.map((d) => norm(d, d.startsWith("tag:") ? tagOf(e, d.slice(4)) : e[COLUMN[d as keyof typeof COLUMN]]));
    const k = JSON.stringify(dims);
    add(rows, k, e);
    add(new Map([["t", totals]]), "t", e);
    if (q.interval) {
      const local = DateTime.fromJSDate(e.occurredAt, { zone: TZ }).startOf(q.interval as "hour" | "day");
      add(series, `${local.toMillis()}|${k}`, e);
    }
  }
  return { rows, series, totals };
}

const zero = (): M => ({ requests: 0n, inputTokens: 0n, outputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n, costMicros: 0n });
function add(map: Map<string, M>, k: string, e: Raw) {
  let m = map.get(k);
  if (!m) map.set(k, (m = zero()));
  m.requests += 1n;
  m.inputTokens += BigInt(e.inputTokens);
  m.outputTokens += BigInt(e.outputTokens);
  m.cachedInputTokens += BigInt(e.cachedInputTokens);
  m.cacheWriteTokens += BigInt(e.cacheWriteTokens);
  m.costMicros += e.costMicros;
}
const pickM = (m: M): M => ({ requests: m.requests, inputTokens: m.inputTokens, outputTokens: m.outputTokens, cachedInputTokens: m.cachedInputTokens, cacheWriteTokens: m.cacheWriteTokens, costMicros: m.costMicros });

beforeAll(() => setEngine(new Engine({ url: process.env.DATABASE_URL, pollMs: 100 })));
afterAll(() => shutdownEngine());

describe.sequential("rollups written by settle agree with the raw usage events", () => {
  let f: Fixture;
  let keys: Keys;
  let events: Raw[];
  let actor: SpendActor;
  const targets: Target[] = [];

  beforeAll(async () => {
    f = await createEnforcementFixture({ timezone: TZ, analyticsTagKeys: ["feature", "env"] });
    keys = await moreKeys(f);
    actor = { orgId: f.orgId, role: "owner", teamId: null, userId: f.userId };
    const seed = Date.now() % 1_000_000;
    console.info(`settle-rollups seed ${seed}`);
    const items = randomItems(keys, seed, N);
    const fast = await fastPathTarget();
    const route = routeTarget();
    targets.push(fast, route);
    // A third through the fast path as one batch, a third through the route handlers in batches,
    // the rest one by one after an authorize (so estimates and reservations are settled too).
    const third = Math.floor(N / 3);
    const b1 = await fast.usage(f.gatewayToken, items.slice(0, third));
    expect(b1.status, JSON.stringify(b1.body)).toBe(200);
    for (let i = third; i < 2 * third; i += 50) {
      const b = await route.usage(f.gatewayToken, items.slice(i, Math.min(i + 50, 2 * third)));
      expect(b.status, JSON.stringify(b.body)).toBe(200);
    }
    for (const [i, item] of items.slice(2 * third).entries()) {
      const t = i % 2 ? fast : route;
      const a = await t.authorize(f.gatewayToken, { apiKey: item.apiKey, requestId: item.requestId, model: item.model, inputTokens: item.inputTokens, maxOutputTokens: 4_000, ...(item.tags ? { tags: item.tags } : {}) });
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      const s = await t.usage(f.gatewayToken, { ...item, reservationId: a.body.reservationId });
      expect(s.status, JSON.stringify(s.body)).toBe(200);
    }
    // Settle answers after its group commit; still, wait until every event and rollup is visible.
    await waitFor(async () => (await db.usageEvent.count({ where: { orgId: f.orgId } })) === N);
    await waitFor(async () => (await db.usageRollup.aggregate({ where: { orgId: f.orgId }, _sum: { requests: true } }))._sum.requests === N);
    events = await db.usageEvent.findMany({
      where: { orgId: f.orgId },
      select: { occurredAt: true, bucketMinute: true, teamId: true, userId: true, apiKeyId: true, provider: true, model: true, inputTokens: true, outputTokens: true, cachedInputTokens: true, cacheWriteTokens: true, costMicros: true, tags: true },
    });
  }, 60_000);

  afterAll(async () => {
    for (const t of targets) await t.close();
  });

  it("stamps every event with the org-local hour bucket the analytics side computes", () => {
    for (const e of events) {
      expect(e.bucketMinute).toBe(bucketMinuteFor(e.occurredAt, TZ));
      expect(e.bucketMinute % 60).toBe(30); // +05:30
    }
  });

  it("the rollup totals equal SQL sums over the raw events, per key, user, team, model and provider", async () => {
    for (const dim of ["key", "user", "team", "model", "provider"] as const) {
      const col = COLUMN[dim];
      const sql = await db.usageEvent.groupBy({
        by: [col],
        where: { orgId: f.orgId },
        _count: { _all: true },
        _sum: { costMicros: true, inputTokens: true, outputTokens: true, cachedInputTokens: true, cacheWriteTokens: true },
      });
      const res = await querySpend(actor, spendQuerySchema.parse({ ...range(), groupBy: [dim], limit: 10_000 }));
      const got = new Map(res.rows.map((r) => [norm(dim, r.dims[0]), pickM(r.metrics)]));
      const want = new Map(
        sql.map((g) => [
          norm(dim, (g as unknown as Record<string, string | null>)[col]),
          {
            requests: BigInt(g._count._all),
            inputTokens: BigInt(g._sum.inputTokens ?? 0),
            outputTokens: BigInt(g._sum.outputTokens ?? 0),
            cachedInputTokens: BigInt(g._sum.cachedInputTokens ?? 0),
            cacheWriteTokens: BigInt(g._sum.cacheWriteTokens ?? 0),
            costMicros: BigInt(g._sum.costMicros ?? 0n),
          },
        ]),
      );
      expect(got, dim).toEqual(want);
    }
    expect(new Set(events.map((e) => e.apiKeyId)).size).toBe(keys.length);
  });

  const QUERIES: Omit<SpendQueryInput, "from" | "to">[] = [
    { groupBy: [] , interval: "hour" },
    { groupBy: ["team"], interval: "day" },
    { groupBy: ["user"], interval: "hour" },
    { groupBy: ["key", "model"] },
    { groupBy: ["provider", "user"], interval: "day" },
    { groupBy: ["tag:feature"] },
    { groupBy: ["tag:feature", "team"], interval: "hour" },
    { groupBy: ["model", "tag:env"], interval: "day" },
    { groupBy: ["tag:feature"], tags: { feature: ["chat", "search"] } },
    { groupBy: ["team"], tags: { env: ["prod"] }, interval: "hour" },
    { groupBy: ["model"], provider: ["anthropic"] },
    { groupBy: ["key"], model: ["gpt-4o"], interval: "day" },
  ];

  it.each(QUERIES.map((q) => [JSON.stringify(q), q] as const))("explorer %s equals the raw events", async (_name, base) => {
    const input: SpendQueryInput = { ...range(), ...base, limit: 10_000, top: 50 };
    const res = await querySpend(actor, spendQuerySchema.parse(input));
    const filtered = events.filter((e) => {
      if (input.provider && !input.provider.includes(e.provider)) return false;
      if (input.model && !input.model.includes(e.model)) return false;
      for (const [k, vs] of Object.entries(input.tags ?? {})) if (!vs.includes(tagOf(e, k) ?? "\u0000")) return false;
      return true;
    });
    const want = expectedFrom(filtered, input);
    const groupBy = input.groupBy ?? [];
    const key = (dims: (string | null)[]) => JSON.stringify(groupBy.map((d, i) => norm(d, dims[i])));
    expect(res.rows.some((r) => r.other)).toBe(false);
    expect(new Map(res.rows.map((r) => [key(r.dims), pickM(r.metrics)]))).toEqual(want.rows);
    expect(pickM(res.totals)).toEqual(want.totals);
    if (input.interval) {
      expect(res.series?.some((p) => p.other)).toBe(false);
      expect(new Map(res.series!.map((p) => [`${p.start.getTime()}|${key(p.dims)}`, pickM(p.metrics)]))).toEqual(want.series);
    }
  });

  it("a team-scoped actor sees exactly its team's raw events", async () => {
    const lead: SpendActor = { orgId: f.orgId, role: "lead", teamId: keys[2].teamId, userId: keys[2].userId };
    const res = await querySpend(lead, spendQuerySchema.parse({ ...range(), groupBy: ["user"], limit: 10_000 }));
    const want = expectedFrom(events.filter((e) => e.teamId === keys[2].teamId), { ...range(), groupBy: ["user"] });
    expect(new Map(res.rows.map((r) => [JSON.stringify([norm("user", r.dims[0])]), pickM(r.metrics)]))).toEqual(want.rows);
  });
});

async function waitFor(cond: () => Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error("timed out waiting for the group commit");
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Settle stamps "now", so the end-to-end run above sees one or two hours only. The engine's bucket
// (with its per-zone hour cache) is checked against the analytics one over instants walked in time
// order across DST changes and odd offsets, as a long-running process would meet them.
describe("the engine's bucket equals bucketMinuteFor across zones and DST changes", () => {
  const ZONES = ["Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "Europe/London", "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham", "UTC"];
  it.each(ZONES)("%s", (zone) => {
    const engine = getEngine();
    const r = rng(zone.length * 7919);
    // Around both 2026 DST changes of either hemisphere, in steps of 0-20 minutes.
    for (const start of ["2026-03-07T00:00:00Z", "2026-03-28T00:00:00Z", "2026-04-04T00:00:00Z", "2026-10-03T00:00:00Z", "2026-10-24T00:00:00Z", "2026-10-31T00:00:00Z"]) {
      let t = Date.parse(start);
      for (let i = 0; i < 1_000; i++) {
        t += Math.floor(r() * 20 * 60_000);
        expect(engine.bucketMinute(new Date(t), zone), `${zone} ${new Date(t).toISOString()}`).toBe(bucketMinuteFor(t, zone));
      }
    }
  });
});

/** A range around now: settle stamps the current time. */
function range() {
  const now = Date.now();
  return { from: new Date(now - 2 * 86_400_000).toISOString(), to: new Date(now + 2 * 86_400_000).toISOString() };
}
