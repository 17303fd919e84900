// The analytics query: any range in the org's timezone, grouped by up to two dimensions, filtered on
// every dimension and one tag key, as a time series or not, compared with the previous period.
// Reads the hourly rollups only (never the raw events) and is scoped by the actor's spend:read reach.
import { DateTime } from "luxon";
import { db as defaultDb } from "@/lib/db";
import { invalid } from "@/lib/api/errors";
import { reachOf } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import type { SpendDimension, SpendQuery } from "@/lib/schemas/spend";
import { countIntervals, offsetSegments, type Interval } from "./buckets";
import { parseTagKeys } from "./rollup-deltas";
import { planSources, runAggregate, type AggregateRow, type AggregateSpec, type Scope, type Source } from "./spend-sql";
import { addMetrics, shapeSpend, subMetrics, type Shaped } from "./shape-spend";
import { loadLabels, type Labels } from "./spend-labels";

export const MAX_RANGE_DAYS = 800;
export const MAX_SERIES_POINTS = 2000;

export type SpendActor = Pick<Actor, "orgId" | "role" | "teamId" | "userId">;
type Db = typeof defaultDb;

export type SpendResult = Shaped & {
  from: Date;
  to: Date;
  timezone: string;
  groupBy: SpendDimension[];
  interval: Interval | null;
  previousRange?: { from: Date; to: Date };
  labels: Labels;
};

/** A plain date is midnight in the org zone; a date-time is taken as written. */
export function resolveInstant(value: string, timezone: string, param: string): Date {
  const dt = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value, { zone: timezone })
    : DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid) throw invalid(param, "not a valid date");
  return dt.toJSDate();
}

export function resolveRange(q: Pick<SpendQuery, "from" | "to">, timezone: string): { from: Date; to: Date } {
  const from = resolveInstant(q.from, timezone, "from");
  const to = resolveInstant(q.to, timezone, "to");
  if (to <= from) throw invalid("to", "must be after from");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw invalid("to", `the range may span at most ${MAX_RANGE_DAYS} days`);
  return { from, to };
}

/** Rollup rows whose bucket starts in [from, to): hour resolution. */
const minuteRange = (from: Date, to: Date) => ({
  fromMinute: Math.ceil(from.getTime() / 60_000),
  toMinute: Math.ceil(to.getTime() / 60_000),
});

export function spendScope(actor: SpendActor): Scope {
  const reach = reachOf(actor, "spend:read");
  if (reach === "org") return {};
  if (reach === "team" && actor.teamId) return { teamId: actor.teamId };
  if (reach === "own" && actor.userId) return { userId: actor.userId };
  return { none: true };
}

export async function querySpend(actor: SpendActor, q: SpendQuery, options: { db?: Db } = {}): Promise<SpendResult> {
  const db = options.db ?? defaultDb;
  const org = await db.organization.findFirstOrThrow({
    where: { id: actor.orgId },
    select: { timezone: true, analyticsTagKeys: true },
  });
  const timezone = org.timezone;
  const { from, to } = resolveRange(q, timezone);
  const interval = (q.interval ?? null) as Interval | null;
  if (interval && countIntervals(from, to, interval, timezone) > MAX_SERIES_POINTS) {
    throw invalid("interval", `too many ${interval} buckets for this range (at most ${MAX_SERIES_POINTS}); choose a coarser interval`);
  }

  const groupBy = q.groupBy as SpendDimension[];
  const tagDim = groupBy.find((d) => d.startsWith("tag:"));
  const tagFilterKey = Object.keys(q.tags)[0];
  const tagKey = tagFilterKey ?? tagDim?.slice(4);
  if (tagKey !== undefined && !parseTagKeys(org.analyticsTagKeys).includes(tagKey)) {
    throw invalid(tagFilterKey ? `tag.${tagKey}` : "groupBy", `"${tagKey}" is not one of the organization's analytics tag keys`);
  }

  const base = {
    orgId: actor.orgId,
    scope: spendScope(actor),
    filters: { team: q.team, user: q.user, key: q.key, model: q.model, provider: q.provider },
    tag: tagKey !== undefined ? { key: tagKey, values: q.tags[tagKey] } : undefined,
    groupBy,
  };
  const time: AggregateSpec["time"] = !interval
    ? undefined
    : interval === "hour"
      ? { kind: "hour" }
      : { kind: "day", segments: offsetSegments(minuteRange(from, to).fromMinute, minuteRange(from, to).toMinute, timezone) };

  const run = (range: { from: Date; to: Date }, withTime: boolean) => {
    const { fromMinute, toMinute } = minuteRange(range.from, range.to);
    const sources = planSources(fromMinute, toMinute, timezone, withTime && interval === "hour");
    return aggregateWithUntagged(db, { ...base, time: withTime ? time : undefined }, sources, tagDim);
  };

  const span = to.getTime() - from.getTime();
  const previousRange = q.compare === "previous" ? { from: new Date(from.getTime() - span), to: from } : undefined;
  const [current, previous] = await Promise.all([run({ from, to }, true), previousRange ? run(previousRange, false) : undefined]);
  const labels = await loadLabels(db, actor.orgId, groupBy, [...current, ...(previous ?? [])]);
  const shaped = shapeSpend(current, previous, {
    metric: q.metric,
    sort: q.sort,
    order: q.order,
    limit: q.limit,
    top: q.top,
    groupBy,
    interval: interval ?? undefined,
    timezone,
    label: (i, v) => labels.label(groupBy[i], v),
  });
  return { ...shaped, from, to, timezone, groupBy, interval, previousRange, labels };
}

/**
 * Grouping by a tag without filtering on it: events without that tag are not in the tag rollup, so
 * they are added back as an "(untagged)" group (null value) = all usage minus the tagged usage, per
 * interval and other dimension. Totals then match the untagged view of the same filters.
 */
async function aggregateWithUntagged(db: Db, spec: Omit<AggregateSpec, "source">, sources: Source[], tagDim: SpendDimension | undefined): Promise<AggregateRow[]> {
  const tagged = await runAggregate(db, spec, sources);
  if (!tagDim || spec.tag?.values?.length) return tagged;
  const tagIndex = spec.groupBy.indexOf(tagDim);
  const otherDims = spec.groupBy.filter((d) => d !== tagDim);
  const all = await runAggregate(db, { ...spec, tag: undefined, groupBy: otherDims }, sources);
  const keyOf = (t: number | null, dims: (string | null)[]) => JSON.stringify([t, dims]);
  const taggedSums = new Map<string, AggregateRow>();
  for (const r of tagged) {
    const rest = r.dims.filter((_, i) => i !== tagIndex);
    const k = keyOf(r.t, rest);
    const prev = taggedSums.get(k);
    if (prev) addMetrics(prev, r);
    else taggedSums.set(k, { ...r, dims: rest });
  }
  const untagged: AggregateRow[] = [];
  for (const r of all) {
    const t = taggedSums.get(keyOf(r.t, r.dims));
    const rest = t ? { ...r, ...subMetrics(r, t) } : r;
    if (rest.requests <= 0n && rest.costMicros <= 0n) continue;
    const dims = [...r.dims];
    dims.splice(tagIndex, 0, null);
    untagged.push({ ...rest, dims });
  }
  return [...tagged, ...untagged];
}
