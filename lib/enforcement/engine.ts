// The enforcement engine of this process: policy in memory (reloaded when an org's policyVersion
// moves), the ledger of counters and reservations, rate limits, and the group-committed usage store.
import { createDb, databaseUrl, providerOf, sqliteFilePath, type Db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { bucketMinuteFor, localDayOfBucket, offsetMinutesAt } from "@/lib/analytics/buckets";
import { OTHER_TAG_VALUE, TagValueCap, tagRollupsOf } from "@/lib/analytics/rollup-deltas";
import { MemoryLedger, type Ledger } from "./ledger";
import { RateLimiter } from "./rate-limit";
import { loadOrgPolicy, type KeyPolicy, type OrgPolicy } from "./policy";
import { windowFor, type Window } from "./windows";
import type { BudgetPolicy } from "./decision";
import type { Price } from "./pricing";
import { AlertGate } from "./alerts";
import { GroupCommitter } from "./store/group-commit";
import { SqliteUsageStore } from "./store/sqlite-store";
import { PgUsageStore } from "./store/pg-store";
import { SqliteWorkerUsageStore } from "./store/sqlite-worker-store";
import type { UsageStore } from "./store/types";
import { createDistributed, type Distributed } from "./redis/distributed";

export type ReservationMeta = {
  orgId: string;
  keyId: string;
  requestId: string;
  estimate: bigint;
  estTokens: number;
  minute: number;
  price: Price;
};

export type EngineOptions = { url?: string; pollMs?: number; reservationTtlMs?: number; sweepMs?: number; redisUrl?: string; redisPrefix?: string };

/** Distinct values per analytics tag key before the rest fold into "(other)". */
export { TAG_VALUE_CAP } from "@/lib/analytics/rollup-deltas";

export class Engine {
  readonly db: Db;
  readonly store: UsageStore;
  readonly committer: GroupCommitter;
  /** Distributed mode (REDIS_URL): shared counters and rate limits in Redis; null when embedded. */
  readonly distributed: Distributed<ReservationMeta> | null;
  readonly ledger: Ledger<ReservationMeta>;
  /** Embedded mode's rate limits (distributed mode checks them in Redis, in the ledger's scripts). */
  readonly rates = new RateLimiter();
  /** Organization of every loaded budget (Redis key names carry the org). */
  private budgetOrgs = new Map<string, string>();
  readonly alerts = new AlertGate();
  readonly reservationTtlMs: number;
  orgs = new Map<string, OrgPolicy>();
  private gateways = new Map<string, { orgId: string; revoked: boolean }>();
  private windows = new WeakMap<BudgetPolicy, Window & { tz: string }>();
  /** Answers of authorize by org + requestId, so a repeated requestId returns the same decision. */
  readonly authorized = new Map<string, { at: number; response: unknown; reservationId: string | null }>();
  readonly settling = new Map<string, Promise<unknown>>();
  /** Per org: the tag values admitted to the rollups today (see TagValueCap). */
  private tagCaps = new Map<string, TagValueCap>();
  private timers: NodeJS.Timeout[] = [];
  /** Start time of the latest completed poll. */
  private lastPoll = 0;
  private polling: Promise<void> | null = null;
  ready: Promise<void>;
  failed: unknown = null;
  failedAt = 0;

  constructor(opts: EngineOptions = {}) {
    const url = opts.url ?? databaseUrl();
    this.db = createDb(url);
    this.store = makeStore(url);
    const redisUrl = opts.redisUrl ?? process.env.REDIS_URL;
    this.distributed = redisUrl ? createDistributed<ReservationMeta>(redisUrl, url, { prefix: opts.redisPrefix, orgOf: (id) => this.budgetOrgs.get(id) }) : null;
    this.ledger = this.distributed?.ledger ?? new MemoryLedger<ReservationMeta>();
    this.committer = new GroupCommitter(this.store, (e) => console.error("purser: usage commit failed:", e instanceof Error ? e.message : e));
    this.reservationTtlMs = opts.reservationTtlMs ?? 10 * 60_000;
    this.ready = this.start(opts.pollMs ?? 500, opts.sweepMs ?? 1000).catch((e) => {
      this.failed = e;
      this.failedAt = Date.now();
      console.error("purser: enforcement engine failed to start:", e instanceof Error ? e.message : e);
    });
  }

  private async start(pollMs: number, sweepMs: number): Promise<void> {
    await this.poll();
    // Another replica announced a policy change: reload now instead of at the next poll.
    await this.distributed?.bus.subscribe(() => this.refresh(), (orgId) => this.orgs.get(orgId)?.version);
    // A failed poll (database briefly away) keeps the last good policy and tries again next tick.
    const poll = setInterval(() => this.refresh().catch((e) => console.error("purser: policy poll failed:", e instanceof Error ? e.message : e)), pollMs);
    const sweep = setInterval(() => this.sweep(Date.now()), sweepMs);
    this.timers.push(poll, sweep);
    for (const t of this.timers) t.unref();
  }

  /** Checks every org's policyVersion; reloads the changed ones. Coalesced: one poll at a time. */
  refresh(): Promise<void> {
    if (!this.polling) {
      const started = Date.now();
      this.polling = this.poll()
        .then(() => void (this.lastPoll = Math.max(this.lastPoll, started)))
        .finally(() => (this.polling = null));
    }
    return this.polling;
  }

  /**
   * On an unknown key or token (it may have been created this instant): make sure a poll that
   * STARTED after `since` has completed. Concurrent callers share the same polls.
   */
  async refreshAfter(since: number): Promise<void> {
    for (let i = 0; i < 3 && this.lastPoll < since; i++) await this.refresh();
  }

  private async poll(): Promise<void> {
    const rows = await this.db.organization.findMany({ select: { id: true, policyVersion: true } });
    const live = new Set<string>();
    for (const r of rows) {
      live.add(r.id);
      const cur = this.orgs.get(r.id);
      if (cur && cur.version === r.policyVersion) continue;
      const policy = await loadOrgPolicy(this.db, r.id);
      if (!policy) continue;
      if (!cur) await this.rebuild(policy);
      this.install(policy);
    }
    for (const id of [...this.orgs.keys()]) if (!live.has(id)) this.uninstall(id);
  }

  private install(p: OrgPolicy): void {
    this.uninstall(p.id);
    this.orgs.set(p.id, p);
    for (const b of [...p.orgBudgets, ...[p.budgetsByTeam, p.budgetsByUser, p.budgetsByKey].flatMap((m) => [...m.values()].flat())]) this.budgetOrgs.set(b.id, p.id);
    for (const [hash, t] of p.gatewayHashes) this.gateways.set(hash, { orgId: p.id, revoked: t.revoked });
  }

  private uninstall(orgId: string): void {
    const old = this.orgs.get(orgId);
    if (!old) return;
    for (const hash of old.gatewayHashes.keys()) this.gateways.delete(hash);
    this.orgs.delete(orgId);
  }

  /** Counters of the current windows from the durable totals (BudgetWindow is written with the events). */
  private async rebuild(p: OrgPolicy): Promise<void> {
    const now = new Date();
    const budgets = [...p.orgBudgets, ...[p.budgetsByTeam, p.budgetsByUser, p.budgetsByKey].flatMap((m) => [...m.values()].flat())];
    if (budgets.length) {
      const current = new Map(budgets.map((b) => [b.id, this.windowOf(b, p.timezone, now.getTime())]));
      const earliest = new Date(Math.min(...[...current.values()].map((w) => w.start.getTime())));
      const rows = await this.db.budgetWindow.findMany({
        where: { budgetId: { in: budgets.map((b) => b.id) }, windowStart: { gte: earliest } },
        select: { budgetId: true, windowStart: true, spentMicros: true },
      });
      for (const r of rows) {
        const w = current.get(r.budgetId);
        if (w && w.start.getTime() === r.windowStart.getTime()) this.ledger.load(r.budgetId, w.start, w.end, r.spentMicros);
      }
    }
    // Today's admitted tag values, so a restart does not admit another TAG_VALUE_CAP of them.
    const today = this.localDay(this.bucketMinute(now, p.timezone), p.timezone);
    const tags = await this.db.usageDailyTagRollup.findMany({
      where: { orgId: p.id, day: today, tagValue: { not: OTHER_TAG_VALUE } },
      distinct: ["tagKey", "tagValue"],
      select: { tagKey: true, tagValue: true },
    });
    const cap = new TagValueCap();
    for (const t of tags) cap.admit(t.tagKey, t.tagValue, today);
    this.tagCaps.set(p.id, cap);
  }

  /** The current window of a budget, cached until it ends (window math stays off the hot path). */
  windowOf(b: BudgetPolicy, tz: string, now: number): Window {
    const c = this.windows.get(b);
    if (c && c.tz === tz && c.start.getTime() <= now && now < c.end.getTime()) return c;
    const w = windowFor(b, new Date(now), tz);
    this.windows.set(b, { ...w, tz });
    return w;
  }

  /** The org of a gateway token, "revoked", or null if unknown. */
  gateway(token: string): OrgPolicy | "revoked" | null {
    const g = this.gateways.get(this.hash(token));
    if (!g) return null;
    if (g.revoked) return "revoked";
    return this.orgs.get(g.orgId) ?? null;
  }

  key(org: OrgPolicy, secret: string): KeyPolicy | undefined {
    return org.keysByHash.get(this.hash(secret));
  }

  /**
   * SHA-256 of recently presented secrets: gateways send the same few keys and tokens on every
   * call, and a Map lookup is far cheaper than a hash. Bounded; the secrets stay in this process.
   */
  private hashes = new Map<string, string>();
  private hash(secret: string): string {
    let h = this.hashes.get(secret);
    if (h === undefined) {
      h = sha256Hex(secret);
      if (this.hashes.size >= 10_000) this.hashes.clear();
      this.hashes.set(secret, h);
    }
    return h;
  }

  /**
   * The rollup bucket of `at` (analytics' `bucketMinuteFor`, the one definition), cached per zone for
   * the rest of its hour. The cache is kept only for an hour the zone's offset does not change in:
   * around a DST change that is not on the hour (Lord Howe's half hour, Chatham at :45) a local hour
   * is cut short or split, and "bucket start + 1 h" would stamp the wrong bucket.
   */
  bucketMinute(at: Date, tz: string): number {
    const t = at.getTime();
    const c = this.hourCache.get(tz);
    if (c && c.from <= t && t < c.to) return c.bucket;
    const bucket = bucketMinuteFor(t, tz);
    const off = offsetMinutesAt(t, tz) * 60_000;
    const from = t - ((((t + off) % 3_600_000) + 3_600_000) % 3_600_000);
    const to = from + 3_600_000;
    if (from === bucket * 60_000 && offsetMinutesAt(from, tz) * 60_000 === off && offsetMinutesAt(to - 1, tz) * 60_000 === off) {
      this.hourCache.set(tz, { from, to, bucket });
    } else this.hourCache.delete(tz);
    return bucket;
  }
  private hourCache = new Map<string, { from: number; to: number; bucket: number }>();

  /** The org-local day of a bucket (analytics' `localDayOfBucket`), cached for the last bucket per zone. */
  localDay(bucketMinute: number, tz: string): number {
    const c = this.dayCache.get(tz);
    if (c && c.bucket === bucketMinute) return c.day;
    const day = localDayOfBucket(bucketMinute, tz);
    this.dayCache.set(tz, { bucket: bucketMinute, day });
    return day;
  }
  private dayCache = new Map<string, { bucket: number; day: number }>();

  /** Tag rollup rows for an event: the org's analytics tag keys only, values capped per key and day. */
  tagRollups(org: OrgPolicy, tags: Record<string, string> | undefined, day: number): { tagKey: string; tagValue: string }[] {
    if (!tags || !org.analyticsTagKeys.length) return [];
    let cap = this.tagCaps.get(org.id);
    if (!cap) this.tagCaps.set(org.id, (cap = new TagValueCap()));
    return tagRollupsOf(tags, day, { tagKeys: org.analyticsTagKeys, admitTagValue: cap.admit });
  }

  sweep(now: number): void {
    this.ledger.sweep(now);
    this.rates.sweep(now);
    const horizon = now - this.reservationTtlMs;
    for (const [k, v] of this.authorized) {
      if (v.at >= horizon) break; // insertion order is time order
      this.authorized.delete(k);
    }
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.committer.drain();
    await this.store.close();
    await this.distributed?.close();
    await this.db.$disconnect();
  }
}

/**
 * SQLite writes go through a worker thread by default (the commit's fsync then overlaps with request
 * handling); PURSER_SQLITE_WORKER=0 writes on the main thread, to measure the difference.
 * PURSER_BENCH_SKIP_ROLLUPS=1 leaves the rollups out of the group commit: only for `npm run
 * bench:enforce`, which measures what maintaining them costs (analytics are wrong without them).
 */
function makeStore(url: string): UsageStore {
  if (providerOf(url) === "postgresql") return new PgUsageStore(url);
  const file = sqliteFilePath(url);
  if (process.env.PURSER_SQLITE_WORKER === "0") return new SqliteUsageStore(file);
  return new SqliteWorkerUsageStore(file, { rollups: process.env.PURSER_BENCH_SKIP_ROLLUPS !== "1" });
}

const SLOT = Symbol.for("purser.engine");
type Slot = { engine?: Engine };
const slot = ((globalThis as Record<symbol, Slot>)[SLOT] ??= {});

/** The engine of this process, shared by every copy of this module (Next bundles its own). */
export function getEngine(): Engine {
  const e = slot.engine;
  // An engine that could not start (database unreachable) answers 503; after a pause, try anew.
  if (e?.failed && Date.now() - e.failedAt > 5_000) {
    slot.engine = undefined;
    void e.stop().catch(() => undefined);
  }
  slot.engine ??= new Engine();
  return slot.engine;
}

/** Replaces the process engine (tests and scripts pointing at a specific database). */
export function setEngine(engine: Engine | undefined): void {
  slot.engine = engine;
}

export async function shutdownEngine(): Promise<void> {
  const e = slot.engine;
  slot.engine = undefined;
  if (e) await e.stop();
}
