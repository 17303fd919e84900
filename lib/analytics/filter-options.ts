// The values the explorer's filters offer, limited to what the actor may see.
import { db as defaultDb } from "@/lib/db";
import { parseTagKeys } from "./rollup-deltas";
import { spendScope, type SpendActor } from "./query-spend";

export type Option = { value: string; label: string };
export type FilterOptions = {
  team: Option[];
  user: Option[];
  key: Option[];
  model: Option[];
  provider: Option[];
  tagKeys: string[];
  tagValues: Record<string, string[]>;
};

export async function loadFilterOptions(actor: SpendActor, sinceMinute: number, db = defaultDb): Promise<FilterOptions> {
  const scope = spendScope(actor);
  if (scope.none) return { team: [], user: [], key: [], model: [], provider: [], tagKeys: [], tagValues: {} };
  const teamWhere = scope.teamId ? { id: scope.teamId } : scope.userId ? { users: { some: { id: scope.userId } } } : {};
  const ownWhere = { ...(scope.teamId ? { teamId: scope.teamId } : {}), ...(scope.userId ? { userId: scope.userId } : {}) };
  const [org, teams, users, keys, prices] = await Promise.all([
    db.organization.findFirstOrThrow({ where: { id: actor.orgId }, select: { analyticsTagKeys: true } }),
    db.team.findMany({ where: { orgId: actor.orgId, ...teamWhere }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.user.findMany({
      where: { orgId: actor.orgId, ...(scope.teamId ? { teamId: scope.teamId } : {}), ...(scope.userId ? { id: scope.userId } : {}) },
      select: { id: true, name: true, email: true },
      orderBy: { name: "asc" },
    }),
    db.apiKey.findMany({ where: { orgId: actor.orgId, ...ownWhere }, select: { id: true, name: true, prefix: true }, orderBy: { name: "asc" } }),
    db.modelPrice.findMany({ where: { orgId: actor.orgId }, select: { provider: true, model: true }, distinct: ["provider", "model"] }),
  ]);
  const tagKeys = parseTagKeys(org.analyticsTagKeys);
  const tagValues: Record<string, string[]> = {};
  for (const tagKey of tagKeys) {
    // The daily rollups (a day early, whatever the zone): a list of choices, not a sum.
    const rows = await db.usageDailyTagRollup.groupBy({
      by: ["tagValue"],
      where: { orgId: actor.orgId, tagKey, day: { gte: Math.floor(sinceMinute / 1440) - 1 }, ...ownWhere },
      orderBy: { tagValue: "asc" },
      take: 500,
    });
    tagValues[tagKey] = rows.map((r) => r.tagValue);
  }
  const uniq = (xs: string[]) => [...new Set(xs)].sort().map((v) => ({ value: v, label: v }));
  return {
    team: teams.map((t) => ({ value: t.id, label: t.name })),
    user: users.map((u) => ({ value: u.id, label: u.name || u.email })),
    key: keys.map((k) => ({ value: k.id, label: `${k.name} (${k.prefix}…)` })),
    model: uniq(prices.map((p) => p.model)),
    provider: uniq(prices.map((p) => p.provider)),
    tagKeys,
    tagValues,
  };
}
