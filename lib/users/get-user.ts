import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { serializeUser, userInclude } from "./serialize-user";

export async function getUser(actor: Actor, id: string) {
  const user = await db.user.findFirst({
    where: { id, orgId: actor.orgId },
    include: userInclude,
    omit: { passwordHash: false },
  });
  if (!user) throw notFound("user");
  requirePermission(actor, "user:read", { teamId: user.teamId, userId: user.id });
  return serializeUser(user);
}
