// A new price for a provider+model takes over from `effectiveFrom`: the row in force at that instant
// ends there, and if a later row already exists the new one ends where that one starts. History stays
// a clean sequence, so any past usage can be priced exactly (`?at=` on the list).
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { ApiError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import type { CreatePrice, PriceOut } from "@/lib/schemas/price";
import { inForceAt, priceMicros, toPriceOut } from "./price-row";

export async function createPrice(actor: Actor, input: CreatePrice, opts: { now?: Date; tx?: Tx } = {}): Promise<PriceOut> {
  requirePermission(actor, "price:update");
  const from = input.effectiveFrom ?? opts.now ?? new Date();
  const data = {
    inputMicrosPerMTok: priceMicros(input.inputUsdPerMTok, "inputUsdPerMTok"),
    outputMicrosPerMTok: priceMicros(input.outputUsdPerMTok, "outputUsdPerMTok"),
    cachedInputMicrosPerMTok: input.cachedInputUsdPerMTok == null ? null : priceMicros(input.cachedInputUsdPerMTok, "cachedInputUsdPerMTok"),
    cacheWriteMicrosPerMTok: input.cacheWriteUsdPerMTok == null ? null : priceMicros(input.cacheWriteUsdPerMTok, "cacheWriteUsdPerMTok"),
    maxOutputTokens: input.maxOutputTokens,
    source: input.source ?? null,
  };
  const run = async (tx: Tx): Promise<PriceOut> => {
    await bumpPolicyVersion(tx, actor.orgId);
    const key = { orgId: actor.orgId, provider: input.provider, model: input.model };
    const same = await tx.modelPrice.findFirst({ where: { ...key, effectiveFrom: from } });
    if (same) {
      throw new ApiError("conflict", 409, `effectiveFrom: a price for ${input.provider}/${input.model} already starts at ${from.toISOString()}; update that one`, [
        { path: "effectiveFrom", code: "unique", message: "a price already starts at this instant" },
      ]);
    }
    const previous = await tx.modelPrice.findFirst({ where: { ...key, ...inForceAt(from) } });
    const next = await tx.modelPrice.findFirst({ where: { ...key, effectiveFrom: { gt: from } }, orderBy: { effectiveFrom: "asc" } });
    if (previous) await tx.modelPrice.update({ where: { id: previous.id }, data: { effectiveTo: from } });
    const row = await tx.modelPrice.create({ data: { ...key, ...data, effectiveFrom: from, effectiveTo: next?.effectiveFrom ?? null } });
    const out = toPriceOut(row);
    await recordAudit(tx, {
      actor,
      action: "price.create",
      entityType: "price",
      entityId: row.id,
      // `before` is the price that was in force at effectiveFrom (now ended there), if any.
      before: previous ? toPriceOut(previous) : null,
      after: out,
      note: previous ? `ends price ${previous.id} at ${from.toISOString()}` : null,
    });
    return out;
  };
  return opts.tx ? run(opts.tx) : db.$transaction(run);
}
