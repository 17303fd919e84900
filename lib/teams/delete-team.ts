import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { conflict, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import { serializeTeam, teamInclude } from "./serialize-team";

/** Deletes an empty team (no users and no keys, revoked ones included: they keep its spend history). */
export async function deleteTeam(actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const team = await tx.team.findFirst({ where: { id, orgId: actor.orgId }, include: teamInclude });
    if (!team) throw notFound("team");
    requirePermission(actor, "team:delete", { teamId: team.id });
    const users = await tx.user.count({ where: { orgId: actor.orgId, teamId: team.id } });
    const keys = await tx.apiKey.count({ where: { orgId: actor.orgId, teamId: team.id } });
    if (users || keys) {
      throw conflict(`team still has ${users} user(s) and ${keys} key(s): move or remove them first`);
    }
    await tx.team.delete({ where: { id: team.id } });
    await recordAudit(tx, { actor, action: "team.delete", entityType: "team", entityId: team.id, before: serializeTeam(team) });
    // Its budgets cascade away with it.
    await bumpPolicyVersion(tx, actor.orgId);
    return { id: team.id, deleted: true };
  });
}
