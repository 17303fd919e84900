// Who may see and change which budgets. The coarse permission (budget:read, budget:update, ...) is
// checked by the caller; this file checks the exact entity, so a lead never touches another team.
// - owner/admin/finance: every budget of the org.
// - lead: reads the org's budgets, their team's budgets and those of its users and keys; changes
//   only user and key budgets of their own team (team and org budgets belong to finance).
// - member: reads the budgets on their own chain (org, their team, themselves, their keys).
// Budgets outside what an actor may read answer 404, as if they did not exist.
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Actor } from "@/lib/auth/actor";
import { reachOf } from "@/lib/auth/permissions";
import { forbidden, notFound } from "@/lib/api/errors";
import type { ScopeEntity } from "./budget-row";

type Who = Pick<Actor, "orgId" | "role" | "teamId" | "userId">;

/** Prisma `where` for the budgets `actor` may read (tenant included). */
export function visibleBudgetsWhere(actor: Who): Prisma.BudgetWhereInput {
  const reach = reachOf(actor, "budget:read");
  if (!reach) throw forbidden("missing permission budget:read");
  if (reach === "org") return { orgId: actor.orgId };
  const or: Prisma.BudgetWhereInput[] = [{ level: "org" }];
  if (reach === "team" && actor.teamId) {
    const teamId = actor.teamId;
    or.push({ level: "team", teamId }, { level: "user", user: { teamId } }, { level: "key", apiKey: { teamId } });
  }
  if (reach === "own") {
    if (actor.teamId) or.push({ level: "team", teamId: actor.teamId });
    if (actor.userId) or.push({ level: "user", userId: actor.userId }, { level: "key", apiKey: { userId: actor.userId } });
  }
  return { orgId: actor.orgId, OR: or };
}

/** May `actor` read a budget on this entity? (Used for scopes that have no budget yet.) */
export function canSeeEntity(actor: Who, entity: ScopeEntity): boolean {
  const reach = reachOf(actor, "budget:read");
  if (reach === "org") return true;
  if (entity.level === "org") return reach !== null;
  if (reach === "team") return !!actor.teamId && entity.teamId === actor.teamId;
  if (reach === "own") {
    if (entity.level === "team") return entity.teamId === actor.teamId;
    return !!actor.userId && entity.userId === actor.userId;
  }
  return false;
}

/** Throws unless `actor` may create, change, delete or move budgets on `entity` (404 if not even visible). */
export function assertCanManage(actor: Who, entity: ScopeEntity, permission: "budget:create" | "budget:update" | "budget:delete" | "budget:reallocate"): void {
  const reach = reachOf(actor, permission);
  if (reach === "org") return;
  if (!canSeeEntity(actor, entity)) throw notFound("budget scope");
  if (reach === "team" && actor.teamId && entity.teamId === actor.teamId && (entity.level === "user" || entity.level === "key")) return;
  throw forbidden(
    reach === "team"
      ? "a team lead may change only the budgets of their team's members and keys"
      : `missing permission ${permission}`,
  );
}
