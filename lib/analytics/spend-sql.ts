// The one aggregate statement the explorer runs, over the hourly or the daily rollups (never the raw
// events). Dialect-neutral: plain SUM/GROUP BY, quoted identifiers, integer arithmetic for local days
// (no date functions), so the same text runs on SQLite and PostgreSQL. On the hourly table the local
// day = (bucketMinute + zone offset) / 1440, where the offset is a CASE over the (at most a few)
// offset changes inside the range; the daily table stores that day number.
import { Prisma } from "@/lib/generated/sqlite/client";
import type { SpendDimension } from "@/lib/schemas/spend";
import { localDayOfBucket, localDayStart, type OffsetSegment } from "./buckets";
import { addMetrics, type Metrics } from "./shape-spend";

const { sql, join, raw, empty } = Prisma;
type Sql = ReturnType<typeof sql>;

export type Scope = { teamId?: string; userId?: string; none?: boolean };

/** Which rows to read: hour buckets in [from, to) minute ranges, or whole local days [from, to). */
export type Source = { grain: "hour"; ranges: [number, number][] } | { grain: "day"; from: number; to: number };

export type AggregateSpec = {
  orgId: string;
  source: Source;
  scope: Scope;
  filters: { team?: string[]; user?: string[]; key?: string[]; model?: string[]; provider?: string[] };
  /** Read UsageTagRollup for this tag key (filter and/or group by its value). */
  tag?: { key: string; values?: string[] };
  /** Column dimensions to group by (a tag dimension groups by tagValue; needs `tag`). */
  groupBy: SpendDimension[];
  /** Time key: hour buckets, or local day numbers (folded to weeks/months in JS). */
  time?: { kind: "hour" } | { kind: "day"; segments: OffsetSegment[] };
};

const TABLES = {
  hour: { plain: "UsageRollup", tag: "UsageTagRollup", col: "bucketMinute" },
  day: { plain: "UsageDailyRollup", tag: "UsageDailyTagRollup", col: "day" },
} as const;

export const DIM_COLUMN: Record<string, string> = {
  team: "teamId",
  user: "userId",
  key: "apiKeyId",
  model: "model",
  provider: "provider",
};

export function dimColumn(dim: SpendDimension): string {
  return dim.startsWith("tag:") ? "tagValue" : DIM_COLUMN[dim];
}

const col = (name: string) => raw(`"${name}"`);

function int(n: number): Sql {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return raw(String(n));
}

export function dayExpr(segments: OffsetSegment[]): Sql {
  // Literal integers (validated above): PostgreSQL must see integer arithmetic, not untyped params.
  if (segments.length === 1) return sql`("bucketMinute" + ${int(segments[0].offsetMinutes)}) / 1440`;
  const whens = segments
    .slice(0, -1)
    .map((s, i) => sql`WHEN "bucketMinute" < ${int(segments[i + 1].startMinute)} THEN ${int(s.offsetMinutes)}`);
  const last = segments[segments.length - 1];
  return sql`("bucketMinute" + CASE ${join(whens, " ")} ELSE ${int(last.offsetMinutes)} END) / 1440`;
}

export type AggregateRow = Metrics & { t: number | null; dims: (string | null)[] };

export function aggregateSql(spec: AggregateSpec): Sql {
  const src = spec.source;
  const t = TABLES[src.grain];
  const table = spec.tag ? t.tag : t.plain;
  const range = (from: number, to: number) => sql`${col(t.col)} >= ${int(from)} AND ${col(t.col)} < ${int(to)}`;
  const ranges = src.grain === "day" ? [range(src.from, src.to)] : src.ranges.map(([from, to]) => range(from, to));
  const where: Sql[] = [
    sql`"orgId" = ${spec.orgId}`,
    ranges.length === 1 ? ranges[0] : sql`(${join(ranges.map((r) => sql`(${r})`), " OR ")})`,
  ];
  if (spec.scope.none) where.push(raw("1 = 0"));
  if (spec.scope.teamId !== undefined) where.push(sql`"teamId" = ${spec.scope.teamId}`);
  if (spec.scope.userId !== undefined) where.push(sql`"userId" = ${spec.scope.userId}`);
  for (const [dim, values] of Object.entries(spec.filters)) {
    if (!values || values.length === 0) continue;
    where.push(sql`${col(DIM_COLUMN[dim])} IN (${join(values)})`);
  }
  if (spec.tag) {
    where.push(sql`"tagKey" = ${spec.tag.key}`);
    if (spec.tag.values?.length) where.push(sql`"tagValue" IN (${join(spec.tag.values)})`);
  }
  const select: Sql[] = [];
  const groupCount = spec.groupBy.length + (spec.time ? 1 : 0);
  if (spec.time) {
    if (src.grain === "day" && spec.time.kind === "hour") throw new RangeError("hourly series need the hourly rollups");
    select.push(spec.time.kind === "hour" ? sql`"bucketMinute" AS t` : src.grain === "day" ? sql`"day" AS t` : sql`${dayExpr(spec.time.segments)} AS t`);
  }
  spec.groupBy.forEach((d, i) => select.push(sql`${col(dimColumn(d))} AS ${raw(`d${i}`)}`));
  for (const m of ["requests", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros"]) {
    select.push(sql`CAST(SUM(${col(m)}) AS BIGINT) AS ${col(m)}`);
  }
  const groupBy = groupCount
    ? sql`GROUP BY ${raw(Array.from({ length: groupCount }, (_, i) => String(i + 1)).join(", "))}`
    : empty;
  return sql`SELECT ${join(select)} FROM ${col(table)} WHERE ${join(where, " AND ")} ${groupBy}`;
}

export function toBig(v: unknown): bigint {
  if (v === null || v === undefined) return 0n;
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return BigInt(Math.trunc(v));
  return BigInt(String(v).split(".")[0]);
}

type Querier = { $queryRaw<T = unknown>(query: Sql): Promise<T> };

async function runOne(db: Querier, spec: AggregateSpec): Promise<AggregateRow[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(aggregateSql(spec));
  return rows
    .filter((r) => r.requests !== null && r.requests !== undefined)
    .map((r) => ({
      t: spec.time ? Number(r.t) : null,
      dims: spec.groupBy.map((_, i) => (r[`d${i}`] === null || r[`d${i}`] === undefined ? null : String(r[`d${i}`]))),
      requests: toBig(r.requests),
      inputTokens: toBig(r.inputTokens),
      outputTokens: toBig(r.outputTokens),
      cachedInputTokens: toBig(r.cachedInputTokens),
      cacheWriteTokens: toBig(r.cacheWriteTokens),
      costMicros: toBig(r.costMicros),
    }));
}

/** Runs one aggregate per source and adds up rows with the same time key and dimensions. */
export async function runAggregate(db: Querier, base: Omit<AggregateSpec, "source">, sources: Source[]): Promise<AggregateRow[]> {
  const parts = await Promise.all(sources.map((source) => runOne(db, { ...base, source })));
  if (parts.length === 1) return parts[0];
  const merged = new Map<string, AggregateRow>();
  for (const r of parts.flat()) {
    const k = JSON.stringify([r.t, r.dims]);
    const cur = merged.get(k);
    if (!cur) merged.set(k, { ...r });
    else addMetrics(cur, r);
  }
  return [...merged.values()];
}

/**
 * Where to read [fromMinute, toMinute) from: the whole local days inside it from the daily rollups,
 * the partial days at its ends from the hourly ones (everything hourly for an hourly series). An hour
 * bucket belongs to the day row of its local day, and a local day's buckets are exactly those
 * starting in [day start, next day start): so the parts add up to the hourly answer.
 */
export function planSources(fromMinute: number, toMinute: number, timezone: string, hourlySeries: boolean): Source[] {
  const all: Source[] = [{ grain: "hour", ranges: [[fromMinute, toMinute]] }];
  if (hourlySeries || toMinute - fromMinute < 1440) return all;
  const dayStart = (day: number) => Math.round(localDayStart(day, timezone).toMillis() / 60_000);
  let first = localDayOfBucket(fromMinute, timezone);
  if (dayStart(first) < fromMinute) first += 1;
  const end = localDayOfBucket(toMinute, timezone);
  if (end <= first) return all;
  const ranges: [number, number][] = [];
  if (fromMinute < dayStart(first)) ranges.push([fromMinute, dayStart(first)]);
  if (dayStart(end) < toMinute) ranges.push([dayStart(end), toMinute]);
  const out: Source[] = [{ grain: "day", from: first, to: end }];
  if (ranges.length) out.push({ grain: "hour", ranges });
  return out;
}
