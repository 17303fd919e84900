// Rules shared by create and update: team membership by role, owner protection, unique email.
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/generated/sqlite/enums";
import { ApiError, forbidden, invalid, notFoundField } from "@/lib/api/errors";

/** Leads and members act inside a team, so they must have one; others may have none. */
export function assertTeamForRole(role: Role, teamId: string | null) {
  if ((role === "lead" || role === "member") && !teamId) {
    throw invalid("teamId", `required for the ${role} role`);
  }
}

/** Only an owner may create, change or grant the owner role. */
export function assertMayTouchOwner(actor: Actor, roles: (Role | undefined)[]) {
  if (roles.includes("owner") && actor.role !== "owner") throw forbidden("only an owner can manage owners");
}

export async function assertTeamInOrg(tx: Tx, orgId: string, teamId: string | null | undefined) {
  if (!teamId) return;
  const team = await tx.team.findFirst({ where: { id: teamId, orgId }, select: { id: true } });
  if (!team) throw notFoundField("teamId", "team");
}

export async function assertEmailFree(tx: Tx, email: string) {
  // Emails are unique across the deployment: one sign-in identifies one user of one org.
  const clash = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (clash) {
    throw new ApiError("conflict", 409, "email: already in use", [{ path: "email", code: "unique", message: "already in use" }]);
  }
}
