// Usage events -> the increments of their hourly rollups. Pure: the seeders and the analytics tests
// fold events with this function, then apply the result with `applyRollupDeltas`. Settle maintains
// the same rollups inside its group commit (`upsertRollups` in lib/enforcement/store/usage-sql.ts);
// both bucket with `bucketMinuteFor`, and settle-rollups.int.test.ts proves settle's rollups agree
// with the raw events. One writer for both is the next clean-up.
import { bucketMinuteFor } from "./buckets";

export type RollupEvent = {
  occurredAt: Date;
  /** The event's bucket when the writer already computed it (it stores it on UsageEvent too). */
  bucketMinute?: number;
  teamId: string;
  userId: string | null;
  apiKeyId: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  costMicros: bigint;
  estimatedCostMicros?: bigint | null;
  latencyMs?: number | null;
  status?: "ok" | "error" | "cancelled";
  tags?: Record<string, string> | null;
};

type Dims = { bucketMinute: number; teamId: string; userId: string; apiKeyId: string; provider: string; model: string };

export type Sums = {
  requests: number;
  errorRequests: number;
  inputTokens: bigint;
  outputTokens: bigint;
  cachedInputTokens: bigint;
  cacheWriteTokens: bigint;
  costMicros: bigint;
  estimatedCostMicros: bigint;
  latencyMsSum: bigint;
};

export type RollupDelta = Dims & Sums;
export type TagRollupDelta = Dims & { tagKey: string; tagValue: string } & Omit<Sums, "errorRequests" | "estimatedCostMicros" | "latencyMsSum">;

/** Values past this many distinct values of one tag key are folded into OTHER_TAG_VALUE. */
export const TAG_VALUE_CAP = 500;
export const OTHER_TAG_VALUE = "(other)";
export const MAX_TAG_VALUE_LENGTH = 100;

export type RollupOptions = {
  /** Tag keys the org rolls up (Organization.analyticsTagKeys); other tags are not rolled up. */
  tagKeys: readonly string[];
  /**
   * Whether a value may get its own tag rollup rows. The caller tracks the distinct values already
   * seen per key (see TagValueCap); without it every value is admitted.
   */
  admitTagValue?: (key: string, value: string) => boolean;
};

/** Bounds tag cardinality: the first TAG_VALUE_CAP values of a key are kept, later ones become "(other)". */
export class TagValueCap {
  private seen = new Map<string, Set<string>>();
  constructor(private cap = TAG_VALUE_CAP) {}
  /** Registers values already in the database (on start). */
  load(key: string, values: Iterable<string>) {
    const set = this.seen.get(key) ?? new Set<string>();
    for (const v of values) set.add(v);
    this.seen.set(key, set);
  }
  admit = (key: string, value: string): boolean => {
    let set = this.seen.get(key);
    if (!set) this.seen.set(key, (set = new Set()));
    if (set.has(value)) return true;
    if (set.size >= this.cap) return false;
    set.add(value);
    return true;
  };
}

// Sums are accumulated as numbers and turned into bigint once per row: per-event bigint arithmetic
// dominated seeding time. Exact: a batch's sums stay far below 2^53 (9e15 tokens, or $9 billion in
// micro-dollars); `safe` guards that anyway.
type Acc = { requests: number; errorRequests: number; inputTokens: number; outputTokens: number; cachedInputTokens: number;
  cacheWriteTokens: number; costMicros: number; estimatedCostMicros: number; latencyMsSum: number };

const zeroAcc = (): Acc => ({ requests: 0, errorRequests: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0,
  cacheWriteTokens: 0, costMicros: 0, estimatedCostMicros: 0, latencyMsSum: 0 });

function safe(n: number): bigint {
  if (!Number.isSafeInteger(n)) throw new RangeError("rollup batch too large for exact sums; split it");
  return BigInt(n);
}

function add(s: Acc, e: RollupEvent) {
  s.requests += 1;
  if (e.status === "error") s.errorRequests += 1;
  s.inputTokens += e.inputTokens;
  s.outputTokens += e.outputTokens;
  s.cachedInputTokens += e.cachedInputTokens;
  s.cacheWriteTokens += e.cacheWriteTokens;
  s.costMicros += Number(e.costMicros);
  if (e.estimatedCostMicros) s.estimatedCostMicros += Number(e.estimatedCostMicros);
  s.latencyMsSum += e.latencyMs ?? 0;
}

function toSums(a: Acc): Sums {
  return {
    requests: a.requests,
    errorRequests: a.errorRequests,
    inputTokens: safe(a.inputTokens),
    outputTokens: safe(a.outputTokens),
    cachedInputTokens: safe(a.cachedInputTokens),
    cacheWriteTokens: safe(a.cacheWriteTokens),
    costMicros: safe(a.costMicros),
    estimatedCostMicros: safe(a.estimatedCostMicros),
    latencyMsSum: safe(a.latencyMsSum),
  };
}

/** The tag value stored in the tag rollup: trimmed to a bounded length, capped per key. */
export function rollupTagValue(key: string, raw: unknown, admit?: RollupOptions["admitTagValue"]): string | null {
  if (raw === undefined || raw === null) return null;
  const value = String(raw).slice(0, MAX_TAG_VALUE_LENGTH);
  if (admit && !admit(key, value)) return OTHER_TAG_VALUE;
  return value;
}

/** Folds events of one org into rollup and tag-rollup increments (one per distinct key). */
export function rollupDeltas(events: readonly RollupEvent[], timezone: string, options: RollupOptions) {
  const rollups = new Map<string, { dims: Dims; acc: Acc }>();
  const tagRollups = new Map<string, { dims: Dims; tagKey: string; tagValue: string; acc: Acc }>();
  for (const e of events) {
    const bucketMinute = e.bucketMinute ?? bucketMinuteFor(e.occurredAt, timezone);
    // "" for service keys: NULL would break the unique key on both databases.
    const userId = e.userId ?? "";
    const k = `${bucketMinute}\u0001${e.teamId}\u0001${userId}\u0001${e.apiKeyId}\u0001${e.provider}\u0001${e.model}`;
    let r = rollups.get(k);
    if (!r) {
      const dims = { bucketMinute, teamId: e.teamId, userId, apiKeyId: e.apiKeyId, provider: e.provider, model: e.model };
      rollups.set(k, (r = { dims, acc: zeroAcc() }));
    }
    add(r.acc, e);
    if (!e.tags) continue;
    for (const tagKey of options.tagKeys) {
      const tagValue = rollupTagValue(tagKey, e.tags[tagKey], options.admitTagValue);
      if (tagValue === null) continue;
      const tk = `${k}\u0001${tagKey}\u0001${tagValue}`;
      let t = tagRollups.get(tk);
      if (!t) tagRollups.set(tk, (t = { dims: r.dims, tagKey, tagValue, acc: zeroAcc() }));
      add(t.acc, e);
    }
  }
  return {
    rollups: [...rollups.values()].map((r): RollupDelta => ({ ...r.dims, ...toSums(r.acc) })),
    tagRollups: [...tagRollups.values()].map((t): TagRollupDelta => {
      const { errorRequests: _e, estimatedCostMicros: _c, latencyMsSum: _l, ...sums } = toSums(t.acc);
      return { ...t.dims, tagKey: t.tagKey, tagValue: t.tagValue, ...sums };
    }),
  };
}

/** Organization.analyticsTagKeys (Json) -> a clean list of tag keys. */
export function parseTagKeys(json: unknown): string[] {
  if (!Array.isArray(json)) return [];
  return json.filter((k): k is string => typeof k === "string" && k.length > 0 && k.length <= 64);
}
