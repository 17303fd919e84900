import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { conflict, forbidden, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import { hashPassword } from "@/lib/auth/passwords";
import type { UpdateUser } from "@/lib/schemas/user";
import { serializeUser, userInclude } from "./serialize-user";
import { assertMayTouchOwner, assertTeamForRole, assertTeamInOrg } from "./user-rules";

/** Changes name, role, team, password, or disables/enables a user. */
export async function updateUser(actor: Actor, id: string, input: UpdateUser) {
  const data = input;
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  return db.$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id, orgId: actor.orgId }, include: userInclude, omit: { passwordHash: false } });
    if (!before) throw notFound("user");
    requirePermission(actor, "user:manage", { teamId: before.teamId, userId: before.id });
    assertMayTouchOwner(actor, [before.role, data.role]);
    const self = actor.userId === before.id;
    if (self && (data.role !== undefined && data.role !== before.role || data.disabled === true)) {
      throw forbidden("you cannot change your own role or disable yourself");
    }
    const role = data.role ?? before.role;
    const teamId = data.teamId === undefined ? before.teamId : data.teamId;
    assertTeamForRole(role, teamId);
    if (teamId !== before.teamId) {
      await assertTeamInOrg(tx, actor.orgId, teamId);
      // A key belongs to its team: moving its owner would leave it governed by the wrong budgets.
      const keys = await tx.apiKey.count({ where: { orgId: actor.orgId, userId: before.id, revokedAt: null, teamId: { not: teamId ?? "" } } });
      if (keys) throw conflict(`teamId: the user has ${keys} active key(s) in their current team; revoke them first`);
    }
    const disabledAt = data.disabled === undefined ? undefined : data.disabled ? (before.disabledAt ?? new Date()) : null;
    const user = await tx.user.update({
      where: { id: before.id },
      data: { name: data.name, role: data.role, teamId, passwordHash, disabledAt },
      include: userInclude,
      omit: { passwordHash: false },
    });
    const out = serializeUser(user);
    const action = data.disabled === true && !before.disabledAt ? "user.disable"
      : data.disabled === false && before.disabledAt ? "user.enable" : "user.update";
    await recordAudit(tx, {
      actor, action, entityType: "user", entityId: user.id, before: serializeUser(before), after: out,
      note: passwordHash ? "password changed" : null,
    });
    // Role, team and disabled state change which keys may spend and under which budgets.
    await bumpPolicyVersion(tx, actor.orgId);
    return out;
  });
}
