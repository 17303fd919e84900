import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission, scopeWhere } from "@/lib/auth/permissions";
import { pageArgs, pageOf } from "@/lib/api/paginate";
import type { UserListQuery } from "@/lib/schemas/user";
import { serializeUser, userInclude } from "./serialize-user";

/** Users the actor may see: the org (admins, finance), their team (lead), themselves (member). */
export async function listUsers(actor: Actor, query: UserListQuery = {}) {
  requirePermission(actor, "user:read");
  const scope = scopeWhere(actor, "user:read", { team: "teamId", user: "id" }) ?? { id: "\u0000" };
  const rows = await db.user.findMany({
    where: {
      orgId: actor.orgId,
      ...scope,
      ...(query.teamId && !("teamId" in scope) ? { teamId: query.teamId } : {}),
      ...(query.role ? { role: query.role } : {}),
      ...(query.q ? { OR: [{ email: { contains: query.q.toLowerCase() } }, { name: { contains: query.q } }] } : {}),
    },
    include: userInclude,
    omit: { passwordHash: false },
    ...pageArgs(query),
  });
  return pageOf(rows, query, (u) => serializeUser(u));
}
