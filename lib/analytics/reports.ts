// Reports over the rollups, scoped like every analytics query: runaway keys (an hour far above the
// key's usual hourly spend), idle keys, duplicated capability (one model bought by several teams) and
// cost per task by tag. The detection rules are pure functions below the queries.
import { db as defaultDb } from "@/lib/db";
import { microsToUsd } from "@/lib/money";
import { planSources, runAggregate, type AggregateRow } from "./spend-sql";
import { spendScope, type SpendActor } from "./query-spend";

const HOUR = 60;
const nowMinute = (now: Date) => Math.floor(now.getTime() / 60_000);

export type RunawayHit = { keyId: string; teamId: string; peakStart: Date; peakMicros: bigint; usualMicros: bigint; ratio: number; windowMicros: bigint };

/**
 * A key runs away when one hour costs `factor` times its usual hour. "Usual" is the median of the
 * key's active hours in the window (robust to the incident itself, unlike a mean); hours below
 * `minPeakMicros` are ignored so a key that usually spends a cent does not alarm at ten cents.
 */
export function detectRunaways(rows: AggregateRow[], opts: { factor: number; minPeakMicros: bigint }): RunawayHit[] {
  const byKey = new Map<string, AggregateRow[]>();
  for (const r of rows) {
    const k = r.dims[0]!;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(r);
  }
  const hits: RunawayHit[] = [];
  for (const [keyId, hours] of byKey) {
    if (hours.length < 3) continue;
    const costs = hours.map((h) => h.costMicros).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const usual = costs[Math.floor(costs.length / 2)];
    const peak = hours.reduce((p, h) => (h.costMicros > p.costMicros ? h : p));
    if (peak.costMicros < opts.minPeakMicros) continue;
    const ratio = usual > 0n ? Number(peak.costMicros) / Number(usual) : Infinity;
    if (ratio < opts.factor) continue;
    hits.push({
      keyId, teamId: peak.dims[1]!, peakStart: new Date(peak.t! * 60_000), peakMicros: peak.costMicros, usualMicros: usual, ratio,
      windowMicros: hours.reduce((s, h) => s + h.costMicros, 0n),
    });
  }
  return hits.sort((a, b) => b.ratio - a.ratio);
}

export async function runawayKeys(actor: SpendActor, opts: { days: number; factor: number; now?: Date }, db = defaultDb) {
  const to = nowMinute(opts.now ?? new Date()) + HOUR;
  const rows = await runAggregate(db, {
    orgId: actor.orgId, scope: spendScope(actor), filters: {}, groupBy: ["key", "team"], time: { kind: "hour" },
  }, [{ grain: "hour", ranges: [[to - opts.days * 24 * HOUR, to]] }]);
  return detectRunaways(rows, { factor: opts.factor, minPeakMicros: 1_000_000n });
}

export async function idleKeys(actor: SpendActor, opts: { days: number; now?: Date }, db = defaultDb) {
  const scope = spendScope(actor);
  if (scope.none) return [];
  const cutoff = nowMinute(opts.now ?? new Date()) - opts.days * 24 * HOUR;
  const where = { orgId: actor.orgId, ...(scope.teamId ? { teamId: scope.teamId } : {}), ...(scope.userId ? { userId: scope.userId } : {}) };
  const [keys, active] = await Promise.all([
    db.apiKey.findMany({ where: { ...where, revokedAt: null }, select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, team: { select: { name: true } }, user: { select: { name: true } } } }),
    db.usageRollup.groupBy({ by: ["apiKeyId"], where: { ...where, bucketMinute: { gte: cutoff } } }),
  ]);
  const activeIds = new Set(active.map((a) => a.apiKeyId));
  const idle = keys.filter((k) => !activeIds.has(k.id));
  const last = idle.length
    ? await db.usageRollup.groupBy({ by: ["apiKeyId"], where: { ...where, apiKeyId: { in: idle.map((k) => k.id) } }, _max: { bucketMinute: true } })
    : [];
  const lastUse = new Map(last.map((l) => [l.apiKeyId, l._max.bucketMinute]));
  return idle
    .map((k) => {
      const m = lastUse.get(k.id);
      const lastUsed = m ? new Date(m * 60_000) : k.lastUsedAt;
      return { id: k.id, name: k.name, prefix: k.prefix, team: k.team.name, user: k.user?.name ?? null, createdAt: k.createdAt, lastUsedAt: lastUsed ?? null };
    })
    .sort((a, b) => (a.lastUsedAt?.getTime() ?? 0) - (b.lastUsedAt?.getTime() ?? 0));
}

export type DuplicateModel = { model: string; provider: string; teams: { teamId: string; keys: number; costUsd: number }[]; costUsd: number };

/** Models bought by two or more teams, each through its own keys: candidates for a shared key or a negotiated rate. */
export function findDuplicates(rows: AggregateRow[]): DuplicateModel[] {
  const byModel = new Map<string, { provider: string; teams: Map<string, { keys: Set<string>; cost: bigint }> }>();
  for (const r of rows) {
    const [model, provider, teamId, keyId] = r.dims as string[];
    const m = byModel.get(model) ?? { provider, teams: new Map() };
    const t = m.teams.get(teamId) ?? { keys: new Set<string>(), cost: 0n };
    t.keys.add(keyId);
    t.cost += r.costMicros;
    m.teams.set(teamId, t);
    byModel.set(model, m);
  }
  return [...byModel.entries()]
    .filter(([, m]) => m.teams.size >= 2)
    .map(([model, m]) => {
      const teams = [...m.teams.entries()].map(([teamId, t]) => ({ teamId, keys: t.keys.size, costUsd: microsToUsd(t.cost) })).sort((a, b) => b.costUsd - a.costUsd);
      return { model, provider: m.provider, teams, costUsd: teams.reduce((s, t) => s + t.costUsd, 0) };
    })
    .sort((a, b) => b.teams.length - a.teams.length || b.costUsd - a.costUsd);
}

export async function duplicatedCapability(actor: SpendActor, opts: { days: number; now?: Date }, db = defaultDb) {
  const to = nowMinute(opts.now ?? new Date()) + HOUR;
  const org = await db.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { timezone: true } });
  const rows = await runAggregate(db, {
    orgId: actor.orgId, scope: spendScope(actor), filters: {}, groupBy: ["model", "provider", "team", "key"],
  }, planSources(to - opts.days * 24 * HOUR, to, org.timezone, false));
  return findDuplicates(rows);
}
