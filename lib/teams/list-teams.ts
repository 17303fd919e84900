import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { reachOf, requirePermission } from "@/lib/auth/permissions";
import { pageArgs, pageOf } from "@/lib/api/paginate";
import type { TeamListQuery } from "@/lib/schemas/team";
import { serializeTeam, teamInclude } from "./serialize-team";

/** The org's teams; a lead or member sees only their own team. */
export async function listTeams(actor: Actor, query: TeamListQuery = {}) {
  requirePermission(actor, "team:read");
  const ownTeamOnly = reachOf(actor, "team:read") !== "org";
  const rows = await db.team.findMany({
    where: {
      orgId: actor.orgId,
      ...(ownTeamOnly ? { id: actor.teamId ?? "\u0000" } : {}),
      ...(query.q ? { name: { contains: query.q } } : {}),
    },
    include: teamInclude,
    ...pageArgs(query),
  });
  return pageOf(rows, query, serializeTeam);
}
