import type { Tx } from "@/lib/db";
import { announcePolicyChange } from "@/lib/enforcement/redis/announce";

/**
 * Every change to budgets, keys, prices or org policy bumps the org's policyVersion in the same
 * transaction; enforcement engines poll it and reload within a second. In distributed mode the bump
 * is also announced over Redis pub/sub so other replicas reload at once; replicas retry until the
 * announced version is visible, so announcing before the commit is safe, and a lost announcement
 * only falls back to polling — which is why it is not awaited.
 */
export async function bumpPolicyVersion(tx: Tx, orgId: string): Promise<number> {
  const org = await tx.organization.update({
    where: { id: orgId },
    data: { policyVersion: { increment: 1 } },
    select: { policyVersion: true },
  });
  announcePolicyChange(orgId, org.policyVersion).catch(() => {});
  return org.policyVersion;
}
