import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/passwords";
import type { CreateUser } from "@/lib/schemas/user";
import { serializeUser, userInclude } from "./serialize-user";
import { assertEmailFree, assertMayTouchOwner, assertTeamForRole, assertTeamInOrg } from "./user-rules";

/** Creates a user; without a password they can sign in only through OIDC. */
export async function createUser(actor: Actor, input: CreateUser) {
  requirePermission(actor, "user:manage");
  const data = input;
  const teamId = data.teamId ?? null;
  assertMayTouchOwner(actor, [data.role]);
  assertTeamForRole(data.role, teamId);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  return db.$transaction(async (tx) => {
    await assertTeamInOrg(tx, actor.orgId, teamId);
    await assertEmailFree(tx, data.email);
    const user = await tx.user.create({
      data: { orgId: actor.orgId, email: data.email, name: data.name, role: data.role, teamId, passwordHash },
      include: userInclude,
    });
    const out = serializeUser(user, passwordHash !== null);
    await recordAudit(tx, { actor, action: "user.create", entityType: "user", entityId: user.id, after: out });
    return out;
  });
}
