// Gateway tokens authenticate gateways on /api/authorize and /api/usage. Shown once, stored hashed.
import { db } from "@/lib/db";
import { newSecret } from "@/lib/crypto";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { pageArgs, pageOf } from "@/lib/api/paginate";
import { recordAudit } from "@/lib/audit/record-audit";
import type { ListQuery } from "@/lib/schemas/common";
import type { CreateGatewayToken, CreatedGatewayToken } from "@/lib/schemas/token";
import { serializeGatewayToken } from "./serialize-token";

export async function listGatewayTokens(actor: Actor, query: ListQuery = {}) {
  requirePermission(actor, "token:manage");
  const rows = await db.gatewayToken.findMany({ where: { orgId: actor.orgId }, ...pageArgs(query) });
  return pageOf(rows, query, serializeGatewayToken);
}

export async function createGatewayToken(actor: Actor, input: CreateGatewayToken): Promise<CreatedGatewayToken> {
  requirePermission(actor, "token:manage");
  const { name } = input;
  const { secret, prefix, hash } = newSecret("gateway");
  return db.$transaction(async (tx) => {
    const token = await tx.gatewayToken.create({
      data: { orgId: actor.orgId, name, prefix, tokenHash: hash, createdById: actor.userId ?? actor.id },
    });
    const out = serializeGatewayToken(token);
    await recordAudit(tx, { actor, action: "gateway_token.create", entityType: "gateway_token", entityId: token.id, after: out });
    return { ...out, token: secret };
  });
}

export async function revokeGatewayToken(actor: Actor, id: string) {
  requirePermission(actor, "token:manage");
  return db.$transaction(async (tx) => {
    const before = await tx.gatewayToken.findFirst({ where: { id, orgId: actor.orgId } });
    if (!before) throw notFound("gateway token");
    if (before.revokedAt) return serializeGatewayToken(before);
    const token = await tx.gatewayToken.update({ where: { id: before.id }, data: { revokedAt: new Date() } });
    const out = serializeGatewayToken(token);
    await recordAudit(tx, {
      actor, action: "gateway_token.revoke", entityType: "gateway_token", entityId: token.id,
      before: serializeGatewayToken(before), after: out,
    });
    return out;
  });
}
