import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { serializeTeam, teamInclude } from "./serialize-team";

export async function getTeam(actor: Actor, id: string) {
  const team = await db.team.findFirst({ where: { id, orgId: actor.orgId }, include: teamInclude });
  if (!team) throw notFound("team");
  requirePermission(actor, "team:read", { teamId: team.id });
  return serializeTeam(team);
}
