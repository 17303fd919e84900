import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import type { CreateTeam } from "@/lib/schemas/team";
import { serializeTeam, teamInclude } from "./serialize-team";
import { assertTeamNameFree } from "./team-name";

export async function createTeam(actor: Actor, input: CreateTeam) {
  requirePermission(actor, "team:create");
  const { name } = input;
  return db.$transaction(async (tx) => {
    await assertTeamNameFree(tx, actor.orgId, name);
    const team = await tx.team.create({ data: { orgId: actor.orgId, name }, include: teamInclude });
    const out = serializeTeam(team);
    await recordAudit(tx, { actor, action: "team.create", entityType: "team", entityId: team.id, after: out });
    return out;
  });
}
