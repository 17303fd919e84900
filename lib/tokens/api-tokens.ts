// Admin API tokens authenticate scripts on /api/v1 with an org-wide role. Shown once, stored hashed.
import { db } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { invalid, notFound } from "@/lib/api/errors";
import { pageArgs, pageOf } from "@/lib/api/paginate";
import { recordAudit } from "@/lib/audit/record-audit";
import type { ListQuery } from "@/lib/schemas/common";
import type { CreateApiToken, CreatedApiToken } from "@/lib/schemas/token";
import { serializeApiToken } from "./serialize-token";

export async function listApiTokens(actor: Actor, query: ListQuery = {}) {
  requirePermission(actor, "token:manage");
  const rows = await db.apiToken.findMany({ where: { orgId: actor.orgId }, ...pageArgs(query) });
  return pageOf(rows, query, serializeApiToken);
}

export async function createApiToken(
  actor: Actor,
  input: CreateApiToken,
): Promise<CreatedApiToken> {
  requirePermission(actor, "token:manage");
  const data = input;
  if (data.expiresAt && data.expiresAt.getTime() <= Date.now()) throw invalid("expiresAt", "must be in the future");
  const { secret, prefix, hash } = newSecret("admin");
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: {
        orgId: actor.orgId,
        name: data.name,
        prefix,
        tokenHash: hash,
        role: data.role ?? "admin",
        expiresAt: data.expiresAt ?? null,
        createdById: actor.userId ?? actor.id,
      },
    });
    const out = serializeApiToken(token);
    await recordAudit(tx, { actor, action: "api_token.create", entityType: "api_token", entityId: token.id, after: out });
    return { ...out, token: secret };
  });
}

export async function revokeApiToken(actor: Actor, id: string) {
  requirePermission(actor, "token:manage");
  return db.$transaction(async (tx) => {
    const before = await tx.apiToken.findFirst({ where: { id, orgId: actor.orgId } });
    if (!before) throw notFound("API token");
    if (before.revokedAt) return serializeApiToken(before);
    const token = await tx.apiToken.update({ where: { id: before.id }, data: { revokedAt: new Date() } });
    const out = serializeApiToken(token);
    await recordAudit(tx, {
      actor, action: "api_token.revoke", entityType: "api_token", entityId: token.id,
      before: serializeApiToken(before), after: out,
    });
    return out;
  });
}
