import { db } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
import type { Actor } from "@/lib/auth/actor";
import { reachOf, requirePermission } from "@/lib/auth/permissions";
import { invalid, notFoundField } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import type { CreateKey, CreatedKey } from "@/lib/schemas/key";
import { keyInclude, serializeKey } from "./serialize-key";

/**
 * Creates a key for a team and optionally a user (no user: a service key). Returns the secret this
 * once; only its SHA-256 and display prefix are stored.
 */
export async function createKey(actor: Actor, input: CreateKey): Promise<CreatedKey> {
  requirePermission(actor, "key:create");
  const data = input;
  // A member creates keys for themselves; saying so is optional.
  const userId = data.userId === undefined && reachOf(actor, "key:create") === "own" ? actor.userId : (data.userId ?? null);
  if (data.expiresAt && data.expiresAt.getTime() <= Date.now()) throw invalid("expiresAt", "must be in the future");
  const { secret, prefix, hash } = newSecret("key");
  return db.$transaction(async (tx) => {
    const team = await tx.team.findFirst({ where: { id: data.teamId, orgId: actor.orgId }, select: { id: true } });
    if (!team) throw notFoundField("teamId", "team");
    if (userId) {
      const user = await tx.user.findFirst({ where: { id: userId, orgId: actor.orgId }, select: { teamId: true, disabledAt: true } });
      if (!user) throw notFoundField("userId", "user");
      if (user.teamId !== team.id) throw invalid("userId", "the user is not a member of this team");
      if (user.disabledAt) throw invalid("userId", "the user is disabled");
    }
    requirePermission(actor, "key:create", { teamId: team.id, userId });
    const key = await tx.apiKey.create({
      data: {
        orgId: actor.orgId,
        teamId: team.id,
        userId,
        name: data.name,
        prefix,
        keyHash: hash,
        rpmLimit: data.rpmLimit ?? null,
        tpmLimit: data.tpmLimit ?? null,
        expiresAt: data.expiresAt ?? null,
        createdById: actor.userId ?? actor.id,
      },
      include: keyInclude,
    });
    const out = serializeKey(key);
    await recordAudit(tx, { actor, action: "key.create", entityType: "key", entityId: key.id, after: out });
    await bumpPolicyVersion(tx, actor.orgId);
    return { ...out, key: secret };
  });
}
