// Announces a policy change to every replica (distributed mode), from any code that changed budgets,
// keys, prices or org settings: `await announcePolicyChange(orgId, version)` with the version
// bumpPolicyVersion returned. Safe to call inside the transaction (replicas retry until the new
// version is visible) and a no-op in embedded mode or when Redis is down (polling covers it).
import type { Engine } from "../engine";

export async function announcePolicyChange(orgId: string, version: number): Promise<void> {
  const slot = (globalThis as Record<symbol, { engine?: Engine } | undefined>)[Symbol.for("purser.engine")];
  await slot?.engine?.distributed?.bus.publish({ orgId, version });
}
