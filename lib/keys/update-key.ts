import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { conflict, invalid, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import type { UpdateKey } from "@/lib/schemas/key";
import { keyInclude, serializeKey } from "./serialize-key";

/** Renames a key, changes its RPM/TPM limits or expiry, or disables/enables it. */
export async function updateKey(actor: Actor, id: string, input: UpdateKey) {
  const data = input;
  if (data.expiresAt && data.expiresAt.getTime() <= Date.now()) throw invalid("expiresAt", "must be in the future");
  return db.$transaction(async (tx) => {
    const before = await tx.apiKey.findFirst({ where: { id, orgId: actor.orgId }, include: keyInclude });
    if (!before) throw notFound("key");
    requirePermission(actor, "key:update", { teamId: before.teamId, userId: before.userId });
    if (before.revokedAt) throw conflict("the key is revoked and can no longer change");
    const disabledAt = data.disabled === undefined ? undefined : data.disabled ? (before.disabledAt ?? new Date()) : null;
    const key = await tx.apiKey.update({
      where: { id: before.id },
      data: { name: data.name, rpmLimit: data.rpmLimit, tpmLimit: data.tpmLimit, expiresAt: data.expiresAt, disabledAt },
      include: keyInclude,
    });
    const out = serializeKey(key);
    await recordAudit(tx, { actor, action: "key.update", entityType: "key", entityId: key.id, before: serializeKey(before), after: out });
    await bumpPolicyVersion(tx, actor.orgId);
    return out;
  });
}
