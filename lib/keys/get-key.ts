import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { keyInclude, serializeKey } from "./serialize-key";

export async function getKey(actor: Actor, id: string) {
  const key = await db.apiKey.findFirst({ where: { id, orgId: actor.orgId }, include: keyInclude });
  if (!key) throw notFound("key");
  requirePermission(actor, "key:read", { teamId: key.teamId, userId: key.userId });
  return serializeKey(key);
}
