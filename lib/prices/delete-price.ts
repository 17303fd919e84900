// Deleting a row closes the gap it leaves: the price before it stays in force until the one after
// it (or forever). Deleting the only price of a model leaves the model unpriced, which the org's
// unpriced-model policy then governs (deny by default) — never a silent $0.
import { db, type Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/permissions";
import { notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { bumpPolicyVersion } from "@/lib/policy/bump-policy-version";
import { toPriceOut } from "./price-row";

export async function deletePrice(actor: Actor, id: string, opts: { tx?: Tx } = {}): Promise<{ id: string; deleted: true }> {
  requirePermission(actor, "price:update");
  const run = async (tx: Tx) => {
    await bumpPolicyVersion(tx, actor.orgId);
    const existing = await tx.modelPrice.findFirst({ where: { id, orgId: actor.orgId } });
    if (!existing) throw notFound("price");
    const previous = await tx.modelPrice.findFirst({
      where: { orgId: actor.orgId, provider: existing.provider, model: existing.model, effectiveTo: existing.effectiveFrom },
    });
    await tx.modelPrice.delete({ where: { id: existing.id } });
    if (previous) await tx.modelPrice.update({ where: { id: previous.id }, data: { effectiveTo: existing.effectiveTo } });
    await recordAudit(tx, {
      actor,
      action: "price.delete",
      entityType: "price",
      entityId: existing.id,
      before: toPriceOut(existing),
      note: previous ? `price ${previous.id} stays in force until ${existing.effectiveTo?.toISOString() ?? "further notice"}` : null,
    });
    return { id: existing.id, deleted: true as const };
  };
  return opts.tx ? run(opts.tx) : db.$transaction(run);
}
