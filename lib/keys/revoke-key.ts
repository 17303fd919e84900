import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import { keyInclude, serializeKey } from "./serialize-key";

/** Revokes a key for good. Revoking twice is harmless and answers the key as it is. */
export async function revokeKey(actor: Actor, id: string) {
  return db.$transaction(async (tx) => {
    const before = await tx.apiKey.findFirst({ where: { id, orgId: actor.orgId }, include: keyInclude });
    if (!before) throw notFound("key");
    requirePermission(actor, "key:revoke", { teamId: before.teamId, userId: before.userId });
    if (before.revokedAt) return serializeKey(before);
    const key = await tx.apiKey.update({ where: { id: before.id }, data: { revokedAt: new Date() }, include: keyInclude });
    const out = serializeKey(key);
    await recordAudit(tx, { actor, action: "key.revoke", entityType: "key", entityId: key.id, before: serializeKey(before), after: out });
    await bumpPolicyVersion(tx, actor.orgId);
    return out;
  });
}
