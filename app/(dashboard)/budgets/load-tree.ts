// Reads what the budgets page shows, for one actor: the entities they may see, the budgets they may
// read with this window's and the previous window's totals, and what they may change.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { reachOf } from "@/lib/auth/permissions";
import { assertCanManage, visibleBudgetsWhere } from "@/lib/budgets/access";
import { periodKey } from "@/lib/budgets/allocation";
import { budgetInclude, budgetSnapshot, currentWindows, entityOf, nodeOf, periodSpec, type BudgetRow, type ScopeEntity } from "@/lib/budgets/budget-row";
import { usdToMicros } from "@/lib/money";
import { windowFor } from "@/lib/enforcement/windows";
import { budgetState, periodLabel } from "./budget-format";
import { buildTree, type AllocInput, type Entities } from "./build-tree";
import type { BudgetView, TreeNode } from "./tree-types";

type Permission = "budget:create" | "budget:update" | "budget:delete" | "budget:reallocate";

function allowed(actor: Actor, entity: ScopeEntity, permission: Permission): boolean {
  try {
    assertCanManage(actor, entity, permission);
    return true;
  } catch {
    return false;
  }
}

async function loadEntities(actor: Actor): Promise<Omit<Entities, "org">> {
  const reach = reachOf(actor, "budget:read");
  const none = "\u0000";
  const teamWhere = reach === "org" ? {} : { id: actor.teamId ?? none };
  const userWhere = reach === "org" ? {} : reach === "team" ? { teamId: actor.teamId ?? none } : { id: actor.userId ?? none };
  const keyWhere = reach === "org" ? {} : reach === "team" ? { teamId: actor.teamId ?? none } : { userId: actor.userId ?? none };
  const [teams, users, keys] = await Promise.all([
    db.team.findMany({ where: { orgId: actor.orgId, ...teamWhere }, select: { id: true, name: true } }),
    db.user.findMany({ where: { orgId: actor.orgId, ...userWhere }, select: { id: true, name: true, email: true, teamId: true } }),
    db.apiKey.findMany({
      // Revoked keys no longer spend; they stay in the tree only while they carry a budget.
      where: { orgId: actor.orgId, ...keyWhere, OR: [{ revokedAt: null }, { budgets: { some: {} } }] },
      select: { id: true, name: true, prefix: true, teamId: true, userId: true },
    }),
  ]);
  return { teams, users, keys };
}

type WindowTotals = Map<string, { spent: bigint; wouldDeny: number; denied: number }>;

async function windowTotals(rows: BudgetRow[], timezone: string, now: Date) {
  const current = new Map(rows.map((b) => [b.id, windowFor(periodSpec(b), now, timezone)]));
  const previous = new Map(rows.map((b) => [b.id, windowFor(periodSpec(b), new Date(current.get(b.id)!.start.getTime() - 1), timezone)]));
  const starts = new Set<number>();
  for (const w of [...current.values(), ...previous.values()]) starts.add(w.start.getTime());
  const stored = rows.length
    ? await db.budgetWindow.findMany({
        where: { budgetId: { in: rows.map((b) => b.id) }, windowStart: { in: [...starts].map((t) => new Date(t)) } },
        select: { budgetId: true, windowStart: true, spentMicros: true, wouldDenyRequests: true, deniedRequests: true },
      })
    : [];
  const totals: WindowTotals = new Map(stored.map((w) => [`${w.budgetId}@${w.windowStart.getTime()}`, { spent: w.spentMicros, wouldDeny: w.wouldDenyRequests, denied: w.deniedRequests }]));
  return { current, previous, totals };
}

function thresholdsOf(b: BudgetRow): number[] {
  return Array.isArray(b.alertThresholds) ? (b.alertThresholds as unknown[]).filter((n): n is number => typeof n === "number") : [];
}

export type BudgetsPageData = { tree: TreeNode; timezone: string; orgName: string; now: string };

export async function loadBudgetTree(actor: Actor, now = new Date()): Promise<BudgetsPageData> {
  const org = await db.organization.findFirst({ where: { id: actor.orgId }, select: { id: true, name: true, timezone: true } });
  const timezone = org?.timezone ?? "UTC";
  const [entities, rows] = await Promise.all([
    loadEntities(actor),
    db.budget.findMany({ where: visibleBudgetsWhere(actor), include: budgetInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  const [{ current, previous, totals }, live] = await Promise.all([windowTotals(rows, timezone, now), currentWindows(db, rows, timezone, now)]);
  const views: BudgetView[] = [];
  const alloc: AllocInput[] = [];
  for (const row of rows) {
    const entity = entityOf(row);
    const snap = budgetSnapshot(row);
    const cur = current.get(row.id)!;
    const prev = previous.get(row.id)!;
    const here = totals.get(`${row.id}@${cur.start.getTime()}`);
    const before = totals.get(`${row.id}@${prev.start.getTime()}`);
    const used = here?.spent ?? 0n;
    // In-flight reservations held by this process's enforcement engine (0 when none runs here).
    const reserved = usdToMicros(live.get(row.id)?.reservedUsd ?? 0);
    const thresholds = thresholdsOf(row);
    const custom = snap.customPeriod ? { every: snap.customPeriod.every, unit: snap.customPeriod.unit } : null;
    const label = periodLabel(row.period, custom);
    const key = periodKey(row);
    views.push({
      id: row.id,
      name: row.name,
      level: row.level,
      scopeId: entity.id,
      teamId: entity.teamId,
      userId: entity.userId,
      limitMicros: row.limitMicros,
      usedMicros: used,
      reservedMicros: reserved,
      enforcement: row.enforcement,
      period: row.period,
      customPeriod: custom,
      periodKey: key,
      periodLabel: label,
      alertThresholds: thresholds,
      alertCooldownMinutes: row.alertCooldownMinutes,
      filters: snap.filters,
      shadow: row.shadow,
      windowStart: cur.start.toISOString(),
      resetAt: cur.end.toISOString(),
      ...budgetState(row.limitMicros, used, reserved, thresholds),
      wouldDeny: row.shadow ? { current: here?.wouldDeny ?? 0, previous: before?.wouldDeny ?? 0 } : null,
      deniedRequests: row.shadow ? 0 : (here?.denied ?? 0),
      canEdit: allowed(actor, entity, "budget:update"),
      canDelete: allowed(actor, entity, "budget:delete"),
      canReallocate: allowed(actor, entity, "budget:reallocate"),
    });
    alloc.push({ ...nodeOf(row, entity), periodKey: key, periodLabel: label });
  }
  const scope = (level: ScopeEntity["level"], id: string, teamId: string | null): ScopeEntity => ({
    level,
    id,
    teamId,
    userId: level === "user" ? id : level === "key" ? (entities.keys.find((k) => k.id === id)?.userId ?? null) : null,
    keyId: level === "key" ? id : null,
  });
  // A member sees only their own budgets under the team: a partial sum would mislead, so no allocations.
  const seesWholeTeam = reachOf(actor, "budget:read") !== "own";
  const tree = buildTree(
    { org: { id: actor.orgId, name: org?.name ?? "Organization" }, ...entities },
    views,
    seesWholeTeam ? alloc : [],
    (level, id, teamId) => allowed(actor, scope(level, id, teamId), "budget:create"),
  );
  return { tree, timezone, orgName: org?.name ?? "", now: now.toISOString() };
}
