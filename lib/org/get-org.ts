import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { serializeOrg } from "./serialize-org";

export async function getOrg(actor: Actor) {
  requirePermission(actor, "org:read");
  const org = await db.organization.findFirst({ where: { id: actor.orgId } });
  if (!org) throw notFound("organization");
  return serializeOrg(org);
}
