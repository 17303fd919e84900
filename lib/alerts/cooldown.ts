// Cooldown of "still over" alerts of soft budgets (DESIGN §3): after one is delivered, repeats of the
// same budget and window wait `cooldownMinutes`. Enforcement raises soft_exceeded alerts per replica;
// the delivery worker applies the cooldown across replicas from the alerts it has already sent.

export type SentAlert = { budgetId: string | null; windowStart: Date | null; createdAt: Date };

export function cooldownKey(a: { budgetId: string | null; windowStart: Date | null }): string {
  return `${a.budgetId ?? "-"}@${a.windowStart?.getTime() ?? "-"}`;
}

/** True when `at` is within the cooldown after `previous` (a cooldown of 0 never suppresses). */
export function withinCooldown(previous: Date | null, at: Date, cooldownMinutes: number): boolean {
  if (!previous || cooldownMinutes <= 0) return false;
  return at.getTime() - previous.getTime() < cooldownMinutes * 60_000;
}

/**
 * Which soft alerts to deliver, in creation order: the first of a budget's window always, later ones
 * only once the cooldown has passed since the last one delivered (or earlier in this batch).
 */
export function applyCooldown<T extends SentAlert & { id: string }>(
  candidates: T[],
  lastSent: Map<string, Date>,
  cooldownMinutesOf: (budgetId: string | null) => number,
): { deliver: T[]; suppress: T[] } {
  const last = new Map(lastSent);
  const deliver: T[] = [];
  const suppress: T[] = [];
  for (const a of [...candidates].sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())) {
    const key = cooldownKey(a);
    if (withinCooldown(last.get(key) ?? null, a.createdAt, cooldownMinutesOf(a.budgetId))) {
      suppress.push(a);
    } else {
      deliver.push(a);
      last.set(key, a.createdAt);
    }
  }
  return { deliver, suppress };
}
