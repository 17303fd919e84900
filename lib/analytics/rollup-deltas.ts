// Usage events -> the increments of their hourly rollups. Pure: settle (in its group commit), the
// seeders and the tests all fold events with this one function, then apply the result with
// `applyRollupDeltas`, so every writer maintains the rollups the same way.
import { bucketMinuteFor } from "./buckets";

export type RollupEvent = {
  occurredAt: Date;
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

const zeroSums = (): Sums => ({
  requests: 0,
  errorRequests: 0,
  inputTokens: 0n,
  outputTokens: 0n,
  cachedInputTokens: 0n,
  cacheWriteTokens: 0n,
  costMicros: 0n,
  estimatedCostMicros: 0n,
  latencyMsSum: 0n,
});

function add(s: Sums, e: RollupEvent) {
  s.requests += 1;
  if (e.status === "error") s.errorRequests += 1;
  s.inputTokens += BigInt(e.inputTokens);
  s.outputTokens += BigInt(e.outputTokens);
  s.cachedInputTokens += BigInt(e.cachedInputTokens);
  s.cacheWriteTokens += BigInt(e.cacheWriteTokens);
  s.costMicros += e.costMicros;
  s.estimatedCostMicros += e.estimatedCostMicros ?? 0n;
  s.latencyMsSum += BigInt(e.latencyMs ?? 0);
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
  const rollups = new Map<string, RollupDelta>();
  const tagRollups = new Map<string, TagRollupDelta>();
  for (const e of events) {
    const dims: Dims = {
      bucketMinute: bucketMinuteFor(e.occurredAt, timezone),
      teamId: e.teamId,
      // "" for service keys: NULL would break the unique key on both databases.
      userId: e.userId ?? "",
      apiKeyId: e.apiKeyId,
      provider: e.provider,
      model: e.model,
    };
    const k = `${dims.bucketMinute}\u0001${dims.teamId}\u0001${dims.userId}\u0001${dims.apiKeyId}\u0001${dims.provider}\u0001${dims.model}`;
    let r = rollups.get(k);
    if (!r) rollups.set(k, (r = { ...dims, ...zeroSums() }));
    add(r, e);
    if (!e.tags) continue;
    for (const tagKey of options.tagKeys) {
      const tagValue = rollupTagValue(tagKey, e.tags[tagKey], options.admitTagValue);
      if (tagValue === null) continue;
      const tk = `${k}\u0001${tagKey}\u0001${tagValue}`;
      let t = tagRollups.get(tk);
      if (!t) {
        const { errorRequests: _e, estimatedCostMicros: _c, latencyMsSum: _l, ...sums } = zeroSums();
        tagRollups.set(tk, (t = { ...dims, tagKey, tagValue, ...sums }));
      }
      t.requests += 1;
      t.inputTokens += BigInt(e.inputTokens);
      t.outputTokens += BigInt(e.outputTokens);
      t.cachedInputTokens += BigInt(e.cachedInputTokens);
      t.cacheWriteTokens += BigInt(e.cacheWriteTokens);
      t.costMicros += e.costMicros;
    }
  }
  return { rollups: [...rollups.values()], tagRollups: [...tagRollups.values()] };
}

/** Organization.analyticsTagKeys (Json) -> a clean list of tag keys. */
export function parseTagKeys(json: unknown): string[] {
  if (!Array.isArray(json)) return [];
  return json.filter((k): k is string => typeof k === "string" && k.length > 0 && k.length <= 64);
}
