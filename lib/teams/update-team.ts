import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import type { UpdateTeam } from "@/lib/schemas/team";
import { serializeTeam, teamInclude } from "./serialize-team";
import { assertTeamNameFree } from "./team-name";

export async function updateTeam(actor: Actor, id: string, input: UpdateTeam) {
  const { name } = input;
  return db.$transaction(async (tx) => {
    const before = await tx.team.findFirst({ where: { id, orgId: actor.orgId }, include: teamInclude });
    if (!before) throw notFound("team");
    requirePermission(actor, "team:update", { teamId: before.id });
    await assertTeamNameFree(tx, actor.orgId, name, before.id);
    const team = await tx.team.update({ where: { id: before.id }, data: { name }, include: teamInclude });
    const out = serializeTeam(team);
    await recordAudit(tx, { actor, action: "team.update", entityType: "team", entityId: team.id, before: serializeTeam(before), after: out });
    return out;
  });
}
