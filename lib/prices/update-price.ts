// Corrects a price row in place (a typo, a missing cached price). Effective dates are not edited:
// a price change from a date on is a new row (createPrice), so history stays true.
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import type { PriceOut, UpdatePrice } from "@/lib/schemas/price";
import { priceMicros, toPriceOut } from "./price-row";

export async function updatePrice(actor: Actor, id: string, input: UpdatePrice, opts: { tx?: Tx } = {}): Promise<PriceOut> {
  requirePermission(actor, "price:update");
  const data = {
    ...(input.inputUsdPerMTok !== undefined ? { inputMicrosPerMTok: priceMicros(input.inputUsdPerMTok, "inputUsdPerMTok") } : {}),
    ...(input.outputUsdPerMTok !== undefined ? { outputMicrosPerMTok: priceMicros(input.outputUsdPerMTok, "outputUsdPerMTok") } : {}),
    ...(input.cachedInputUsdPerMTok !== undefined
      ? { cachedInputMicrosPerMTok: input.cachedInputUsdPerMTok === null ? null : priceMicros(input.cachedInputUsdPerMTok, "cachedInputUsdPerMTok") }
      : {}),
    ...(input.cacheWriteUsdPerMTok !== undefined
      ? { cacheWriteMicrosPerMTok: input.cacheWriteUsdPerMTok === null ? null : priceMicros(input.cacheWriteUsdPerMTok, "cacheWriteUsdPerMTok") }
      : {}),
    ...(input.maxOutputTokens !== undefined ? { maxOutputTokens: input.maxOutputTokens } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
  };
  const run = async (tx: Tx): Promise<PriceOut> => {
    await bumpPolicyVersion(tx, actor.orgId);
    const existing = await tx.modelPrice.findFirst({ where: { id, orgId: actor.orgId } });
    if (!existing) throw notFound("price");
    const row = await tx.modelPrice.update({ where: { id: existing.id }, data });
    const out = toPriceOut(row);
    await recordAudit(tx, { actor, action: "price.update", entityType: "price", entityId: row.id, before: toPriceOut(existing), after: out });
    return out;
  };
  return opts.tx ? run(opts.tx) : db.$transaction(run);
}
