// Human labels for the ids in an analytics answer (team, user and key names), read in one query per
// dimension and always inside the org.
import type { db as Db } from "@/lib/db";
import type { SpendDimension } from "@/lib/schemas/spend";
import type { AggregateRow } from "./spend-sql";

export const SERVICE_KEYS_LABEL = "(service keys)";
export const UNTAGGED_LABEL = "(untagged)";
export const OTHER_LABEL = "Other";

export type Labels = {
  /** Display label of a dimension value; unknown ids fall back to the id itself. */
  label(dim: SpendDimension, value: string | null): string;
  /** For keys: the team and user of each key (drill-down needs them). */
  names: Record<string, Record<string, string>>;
};

export function makeLabels(names: Record<string, Record<string, string>>): Labels {
  return {
    names,
    label(dim, value) {
      if (dim.startsWith("tag:")) return value ?? UNTAGGED_LABEL;
      if (dim === "user" && !value) return SERVICE_KEYS_LABEL;
      if (value === null) return OTHER_LABEL;
      return names[dim]?.[value] ?? value;
    },
  };
}

export async function loadLabels(
  db: typeof Db,
  orgId: string,
  groupBy: SpendDimension[],
  rows: AggregateRow[],
): Promise<Labels> {
  const idsOf = (dim: SpendDimension) => {
    const i = groupBy.indexOf(dim);
    if (i < 0) return [];
    return [...new Set(rows.map((r) => r.dims[i]).filter((v): v is string => !!v))];
  };
  const names: Record<string, Record<string, string>> = {};
  const teamIds = idsOf("team");
  const userIds = idsOf("user");
  const keyIds = idsOf("key");
  const [teams, users, keys] = await Promise.all([
    teamIds.length ? db.team.findMany({ where: { orgId, id: { in: teamIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? db.user.findMany({ where: { orgId, id: { in: userIds } }, select: { id: true, name: true, email: true } }) : [],
    keyIds.length ? db.apiKey.findMany({ where: { orgId, id: { in: keyIds } }, select: { id: true, name: true, prefix: true } }) : [],
  ]);
  names.team = Object.fromEntries(teams.map((t) => [t.id, t.name]));
  names.user = Object.fromEntries(users.map((u) => [u.id, u.name || u.email]));
  names.key = Object.fromEntries(keys.map((k) => [k.id, `${k.name} (${k.prefix}…)`]));
  return makeLabels(names);
}
