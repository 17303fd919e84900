import type { Tx } from "@/lib/db";

/**
 * Every change to budgets, keys, prices or org policy bumps the org's policyVersion in the same
 * transaction; enforcement engines poll it and reload within a second.
 */
export async function bumpPolicyVersion(tx: Tx, orgId: string): Promise<number> {
  const org = await tx.organization.update({
    where: { id: orgId },
    data: { policyVersion: { increment: 1 } },
    select: { policyVersion: true },
  });
  return org.policyVersion;
}
