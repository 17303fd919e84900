// Permissions are a typed list of scopes with a role map, checked by one helper used by the server
// (requirePermission throws 403) and the UI (can() hides the button).
import type { Role } from "@/lib/generated/sqlite/enums";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "./actor";

export const PERMISSIONS = [
  "org:read",
  "org:update",
  "team:read",
  "team:create",
  "team:update",
  "team:delete",
  "user:read",
  "user:manage",
  "key:read",
  "key:create",
  "key:update",
  "key:revoke",
  "budget:read",
  "budget:create",
  "budget:update",
  "budget:delete",
  "budget:reallocate",
  "price:read",
  "price:update",
  "spend:read",
  "alert:read",
  "alert:ack",
  "audit:read",
  "token:manage",
  "webhook:manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * How far a grant reaches: the whole org, the actor's own team, or only the actor's own things
 * (their user row, their keys, their spend).
 */
export type Reach = "org" | "team" | "own";

type Grants = Partial<Record<Permission, Reach>>;

const all = (reach: Reach): Grants =>
  Object.fromEntries(PERMISSIONS.map((p) => [p, reach])) as Grants;

export const ROLE_GRANTS: Record<Role, Grants> = {
  owner: all("org"),
  admin: all("org"),
  // Finance reads all spend and edits org and team budgets (the budget routes check the level).
  finance: {
    "org:read": "org",
    "team:read": "org",
    "user:read": "org",
    "key:read": "org",
    "budget:read": "org",
    "budget:create": "org",
    "budget:update": "org",
    "budget:delete": "org",
    "budget:reallocate": "org",
    "price:read": "org",
    "spend:read": "org",
    "alert:read": "org",
    "alert:ack": "org",
    "audit:read": "org",
  },
  // A lead runs their team: its keys, and its member and key budgets within the team ceiling.
  lead: {
    "org:read": "org",
    "team:read": "team",
    "user:read": "team",
    "key:read": "team",
    "key:create": "team",
    "key:update": "team",
    "key:revoke": "team",
    "budget:read": "team",
    "budget:create": "team",
    "budget:update": "team",
    "budget:delete": "team",
    "budget:reallocate": "team",
    "price:read": "org",
    "spend:read": "team",
    "alert:read": "team",
    "alert:ack": "team",
  },
  // A member manages their own keys and sees their own spend and remaining budget.
  member: {
    "org:read": "org",
    "team:read": "team",
    "user:read": "own",
    "key:read": "own",
    "key:create": "own",
    "key:update": "own",
    "key:revoke": "own",
    "budget:read": "own",
    "price:read": "org",
    "spend:read": "own",
    "alert:read": "own",
  },
};

/** The entity an action touches: its team and/or its owning user. `null` means "none" (a service key). */
export type Target = { teamId?: string | null; userId?: string | null };

type WhoCan = Pick<Actor, "role" | "teamId" | "userId">;

export function reachOf(actor: WhoCan, permission: Permission): Reach | null {
  return ROLE_GRANTS[actor.role]?.[permission] ?? null;
}

/**
 * Without a target: may the actor do this to anything at all (list pages, showing a button).
 * With a target: may the actor do it to that exact entity.
 */
export function can(actor: WhoCan | null | undefined, permission: Permission, target?: Target): boolean {
  if (!actor) return false;
  const reach = reachOf(actor, permission);
  if (!reach) return false;
  if (reach === "org" || target === undefined) return true;
  if (reach === "team") {
    if (!actor.teamId) return false;
    // A team-scoped target is in reach when it belongs to the actor's team; a user-only target
    // (a user row) needs its teamId supplied by the caller.
    return target.teamId === actor.teamId;
  }
  // "own": the entity must belong to the actor (and, if it names a team, the actor's team).
  if (!actor.userId || target.userId !== actor.userId) return false;
  return target.teamId === undefined || target.teamId === actor.teamId;
}

export function requirePermission(actor: WhoCan, permission: Permission, target?: Target): void {
  if (!can(actor, permission, target)) {
    throw new ApiError("forbidden", 403, `missing permission ${permission}${target ? " on this resource" : ""}`);
  }
}

/** Prisma `where` fragment restricting a list to what the actor may see with `permission`. */
export function scopeWhere(
  actor: WhoCan,
  permission: Permission,
  fields: { team?: string; user?: string } = { team: "teamId", user: "userId" },
): Record<string, string> | null {
  const reach = reachOf(actor, permission);
  if (!reach) return null;
  if (reach === "org") return {};
  if (reach === "team") {
    if (!actor.teamId || !fields.team) return null;
    return { [fields.team]: actor.teamId };
  }
  if (!actor.userId || !fields.user) return null;
  return { [fields.user]: actor.userId };
}
