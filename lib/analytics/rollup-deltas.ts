// Usage events -> the increments of their rollups: hourly and daily, plain and per analytics tag. The
// one fold every writer uses: settle's group commit (lib/enforcement/store/commit-plan.ts), the
// seeders and the analytics fixtures. The increments become the rows of usage-sql.ts (`rollupRows`),
// upserted as VALUES (SQLite, fixtures) or prepared arrays (PostgreSQL's group commit, pg-batch-sql.ts),
// or by the bulk seeder's plain inserts for a fresh org.
import { bucketMinuteFor, localDayOfBucket } from "./buckets";

export type RollupEvent = {
  occurredAt: Date;
  /** The event's hour bucket when the writer already computed it (it stores it on UsageEvent too). */
  bucketMinute?: number;
  /** The org-local day of that bucket, when already computed. */
  localDay?: number;
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
  /** Tag rollup rows already chosen by the writer (settle caps them as it goes); else from `tags`. */
  tagRollups?: readonly { tagKey: string; tagValue: string }[];
};

type Dims = { teamId: string; userId: string; apiKeyId: string; provider: string; model: string };

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
type TagSums = Omit<Sums, "errorRequests" | "estimatedCostMicros" | "latencyMsSum">;
type Tag = { tagKey: string; tagValue: string };

export type RollupDelta = Dims & Sums & { bucketMinute: number };
export type TagRollupDelta = Dims & Tag & TagSums & { bucketMinute: number };
export type DailyRollupDelta = Dims & Sums & { day: number };
export type DailyTagRollupDelta = Dims & Tag & TagSums & { day: number };

export type RollupDeltas = {
  rollups: RollupDelta[];
  tagRollups: TagRollupDelta[];
  dailyRollups: DailyRollupDelta[];
  dailyTagRollups: DailyTagRollupDelta[];
};

/**
 * How tag cardinality is bounded: per org, tag key and org-local day, the first TAG_VALUE_CAP distinct
 * values get their own rollup rows and later ones are folded into OTHER_TAG_VALUE; values are cut to
 * MAX_TAG_VALUE_LENGTH (the API's own limit). Only the tag keys an org lists are rolled up at all.
 * So a day adds at most TAG_VALUE_CAP x (its plain rollup rows) tag rows per key, and a tag carrying
 * per-request ids cannot blow the rollups up; a new value next day gets its own rows again.
 */
export const TAG_VALUE_CAP = 100;
export const OTHER_TAG_VALUE = "(other)";
export const MAX_TAG_VALUE_LENGTH = 256;

export type RollupOptions = {
  /** Tag keys the org rolls up (Organization.analyticsTagKeys); other tags are not rolled up. */
  tagKeys?: readonly string[];
  /** Whether a value may get its own tag rollup rows (see TagValueCap); without it every value is admitted. */
  admitTagValue?: (key: string, value: string, day: number) => boolean;
};

/** The cap of TAG_VALUE_CAP distinct values per tag key per local day, for one org. */
export class TagValueCap {
  private day = Number.NaN;
  private seen = new Map<string, Set<string>>();
  constructor(private cap = TAG_VALUE_CAP) {}
  admit = (key: string, value: string, day: number): boolean => {
    if (day !== this.day) {
      // A new day starts with a fresh allowance (events of an earlier day arriving late are judged
      // against today's values: still bounded).
      if (day < this.day) return this.seen.get(key)?.has(value) ?? false;
      this.day = day;
      this.seen.clear();
    }
    let set = this.seen.get(key);
    if (!set) this.seen.set(key, (set = new Set()));
    if (set.has(value)) return true;
    if (set.size >= this.cap) return false;
    set.add(value);
    return true;
  };
}

/** The tag value stored in the tag rollups: cut to a bounded length, capped per key and day. */
export function rollupTagValue(key: string, raw: unknown, day: number, admit?: RollupOptions["admitTagValue"]): string | null {
  if (raw === undefined || raw === null) return null;
  const value = String(raw).slice(0, MAX_TAG_VALUE_LENGTH);
  if (admit && !admit(key, value, day)) return OTHER_TAG_VALUE;
  return value;
}

/** The tag rollup rows of one event: the listed keys it carries, with capped values. */
export function tagRollupsOf(tags: Record<string, string> | null | undefined, day: number, options: RollupOptions): Tag[] {
  if (!tags || !options.tagKeys?.length) return [];
  const out: Tag[] = [];
  for (const tagKey of options.tagKeys) {
    const tagValue = rollupTagValue(tagKey, tags[tagKey], day, options.admitTagValue);
    if (tagValue !== null) out.push({ tagKey, tagValue });
  }
  return out;
}

// Sums are accumulated as numbers (per-event bigint arithmetic dominated seeding time) and spill into
// a bigint before they could leave the exact integer range, so any batch is summed exactly.
const FIELDS = ["requests", "errorRequests", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens",
  "costMicros", "estimatedCostMicros", "latencyMsSum"] as const;
type Field = (typeof FIELDS)[number];
type Acc = { n: Float64Array; big: bigint[] | null };
const MAX = Number.MAX_SAFE_INTEGER;

const newAcc = (): Acc => ({ n: new Float64Array(FIELDS.length), big: null });

function addTo(a: Acc, i: number, v: number | bigint) {
  if (typeof v === "bigint") {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) {
      (a.big ??= FIELDS.map(() => 0n))[i] += v;
      return;
    }
    v = n;
  }
  const sum = a.n[i] + v;
  if (sum > MAX || sum < -MAX) {
    (a.big ??= FIELDS.map(() => 0n))[i] += BigInt(a.n[i]) + BigInt(v);
    a.n[i] = 0;
  } else a.n[i] = sum;
}

function add(a: Acc, e: RollupEvent) {
  addTo(a, 0, 1);
  if (e.status === "error") addTo(a, 1, 1);
  addTo(a, 2, e.inputTokens);
  addTo(a, 3, e.outputTokens);
  addTo(a, 4, e.cachedInputTokens);
  addTo(a, 5, e.cacheWriteTokens);
  addTo(a, 6, e.costMicros);
  if (e.estimatedCostMicros) addTo(a, 7, e.estimatedCostMicros);
  if (e.latencyMs) addTo(a, 8, e.latencyMs);
}

function toSums(a: Acc): Sums {
  const v = (f: Field) => {
    const i = FIELDS.indexOf(f);
    return BigInt(a.n[i]) + (a.big ? a.big[i] : 0n);
  };
  return {
    requests: Number(v("requests")),
    errorRequests: Number(v("errorRequests")),
    inputTokens: v("inputTokens"),
    outputTokens: v("outputTokens"),
    cachedInputTokens: v("cachedInputTokens"),
    cacheWriteTokens: v("cacheWriteTokens"),
    costMicros: v("costMicros"),
    estimatedCostMicros: v("estimatedCostMicros"),
    latencyMsSum: v("latencyMsSum"),
  };
}

function tagSums(a: Acc): TagSums {
  const { errorRequests: _e, estimatedCostMicros: _c, latencyMsSum: _l, ...sums } = toSums(a);
  return sums;
}

/**
 * Folds events of one org into rollup increments, one per distinct key of each table. `timezone` is
 * needed for events that do not carry their bucket and local day (settle's records carry both).
 */
export function rollupDeltas(events: readonly RollupEvent[], timezone: string | null, options: RollupOptions = {}): RollupDeltas {
  const hourly = new Map<string, { dims: Dims; bucketMinute: number; acc: Acc }>();
  const daily = new Map<string, { dims: Dims; day: number; acc: Acc }>();
  const hourlyTags = new Map<string, { dims: Dims; bucketMinute: number; tag: Tag; acc: Acc }>();
  const dailyTags = new Map<string, { dims: Dims; day: number; tag: Tag; acc: Acc }>();
  const dayOfBucket = new Map<number, number>();
  const zone = () => {
    if (!timezone) throw new Error("rollupDeltas: an event without bucketMinute/localDay needs the org timezone");
    return timezone;
  };
  for (const e of events) {
    const bucketMinute = e.bucketMinute ?? bucketMinuteFor(e.occurredAt, zone());
    let day = e.localDay ?? dayOfBucket.get(bucketMinute);
    if (day === undefined) dayOfBucket.set(bucketMinute, (day = localDayOfBucket(bucketMinute, zone())));
    // "" for service keys: NULL would break the unique key on both databases.
    const userId = e.userId ?? "";
    const dk = `${e.teamId}\u0001${userId}\u0001${e.apiKeyId}\u0001${e.provider}\u0001${e.model}`;
    const hk = `${bucketMinute}\u0001${dk}`;
    let h = hourly.get(hk);
    if (!h) {
      const dims = { teamId: e.teamId, userId, apiKeyId: e.apiKeyId, provider: e.provider, model: e.model };
      hourly.set(hk, (h = { dims, bucketMinute, acc: newAcc() }));
    }
    add(h.acc, e);
    const ddk = `${day}\u0001${dk}`;
    let d = daily.get(ddk);
    if (!d) daily.set(ddk, (d = { dims: h.dims, day, acc: newAcc() }));
    add(d.acc, e);
    const tags = e.tagRollups ?? tagRollupsOf(e.tags, day, options);
    for (const tag of tags) {
      const tk = `${hk}\u0001${tag.tagKey}\u0001${tag.tagValue}`;
      let t = hourlyTags.get(tk);
      if (!t) hourlyTags.set(tk, (t = { dims: h.dims, bucketMinute, tag, acc: newAcc() }));
      add(t.acc, e);
      const dtk = `${ddk}\u0001${tag.tagKey}\u0001${tag.tagValue}`;
      let dt = dailyTags.get(dtk);
      if (!dt) dailyTags.set(dtk, (dt = { dims: h.dims, day, tag, acc: newAcc() }));
      add(dt.acc, e);
    }
  }
  return {
    rollups: [...hourly.values()].map((r) => ({ ...r.dims, bucketMinute: r.bucketMinute, ...toSums(r.acc) })),
    dailyRollups: [...daily.values()].map((r) => ({ ...r.dims, day: r.day, ...toSums(r.acc) })),
    tagRollups: [...hourlyTags.values()].map((t) => ({ ...t.dims, bucketMinute: t.bucketMinute, ...t.tag, ...tagSums(t.acc) })),
    dailyTagRollups: [...dailyTags.values()].map((t) => ({ ...t.dims, day: t.day, ...t.tag, ...tagSums(t.acc) })),
  };
}

/** Organization.analyticsTagKeys (Json) -> a clean list of tag keys. */
export function parseTagKeys(json: unknown): string[] {
  if (!Array.isArray(json)) return [];
  return json.filter((k): k is string => typeof k === "string" && k.length > 0 && k.length <= 64);
}
