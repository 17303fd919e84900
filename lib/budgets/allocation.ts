// The allocation rule of DESIGN §3, as pure functions over plain data.
//
// For one period, a parent's *allocation* is the sum of its children's limits: team -> its users and
// its keys, user -> their keys. Decisions we made where the spec is silent (documented for the UI):
// - Children are counted once, at the highest level under the team: a key whose user has a budget of
//   the same period is inside that user's allocation, so it is not counted again for the team (a $100
//   user budget with a $50 key budget allocates $100 of the team, not $150).
// - An entity with several budgets of one period allocates its smallest limit (the most restrictive
//   budget wins, DESIGN §2). Filtered and shadow budgets allocate nothing: a filtered budget only caps
//   part of the traffic, and a shadow budget never blocks.
// - The ceiling of a team (or user) is the smallest limit among its own unfiltered, non-shadow budgets
//   of the same period. "Same period" means the same period kind and, for custom periods, the same
//   length (every + unit); the start instant is ignored.
// - A team without a budget of that period has no ceiling: a lead may not allocate anything there
//   (nobody gave the team money to hand out), and finance/admin/owner allocate freely (there is
//   nothing to oversubscribe).
// - A change that does not increase an allocation is always allowed, even when the parent is
//   already over its ceiling: leads must be able to give money back.

export type AllocRole = "owner" | "admin" | "finance" | "lead" | "member";

export type PeriodLike = { period: string; customEvery?: number | null; customUnit?: string | null };

export function periodKey(p: PeriodLike): string {
  return p.period === "custom" ? `custom:${p.customEvery ?? 0}:${p.customUnit ?? "hours"}` : p.period;
}

/** One budget, reduced to what allocation needs. `teamId`/`userId` are of the budget's entity. */
export type AllocNode = {
  budgetId: string;
  level: "org" | "team" | "user" | "key";
  /** team budgets: the team; user budgets: the user's team; key budgets: the key's team. */
  teamId: string | null;
  /** user budgets: the user; key budgets: the key's user (null for a service key). */
  userId: string | null;
  keyId: string | null;
  limitMicros: bigint;
  /** Unfiltered and not shadow: only these allocate or cap. */
  counts: boolean;
};

function minLimit(nodes: AllocNode[]): bigint | null {
  let min: bigint | null = null;
  for (const n of nodes) if (n.counts && (min === null || n.limitMicros < min)) min = n.limitMicros;
  return min;
}

function groupMin(nodes: AllocNode[], keyOf: (n: AllocNode) => string | null): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const n of nodes) {
    const k = keyOf(n);
    if (!n.counts || k === null) continue;
    const cur = out.get(k);
    if (cur === undefined || n.limitMicros < cur) out.set(k, n.limitMicros);
  }
  return out;
}

export type Allocation = { ceilingMicros: bigint | null; allocatedMicros: bigint };

/** The team's ceiling and allocation, from every budget of one period in the org. */
export function teamAllocation(nodes: AllocNode[], teamId: string): Allocation {
  const inTeam = nodes.filter((n) => n.teamId === teamId);
  const ceilingMicros = minLimit(inTeam.filter((n) => n.level === "team"));
  const users = groupMin(inTeam.filter((n) => n.level === "user"), (n) => n.userId);
  const keys = inTeam.filter((n) => n.level === "key");
  let allocatedMicros = 0n;
  for (const v of users.values()) allocatedMicros += v;
  // Keys of a user who has a budget of this period are already inside that user's allocation.
  const uncovered = keys.filter((n) => n.userId === null || !users.has(n.userId));
  for (const v of groupMin(uncovered, (n) => n.keyId).values()) allocatedMicros += v;
  return { ceilingMicros, allocatedMicros };
}

/** The user's ceiling (their own budget) and allocation (their keys' budgets). */
export function userAllocation(nodes: AllocNode[], userId: string): Allocation {
  const ceilingMicros = minLimit(nodes.filter((n) => n.level === "user" && n.userId === userId));
  const keys = groupMin(nodes.filter((n) => n.level === "key" && n.userId === userId), (n) => n.keyId);
  let allocatedMicros = 0n;
  for (const v of keys.values()) allocatedMicros += v;
  return { ceilingMicros, allocatedMicros };
}

export type AllocationCheck = {
  level: "team" | "user";
  scopeId: string;
  period: string;
  ceilingMicros: bigint | null;
  beforeMicros: bigint;
  afterMicros: bigint;
};

export type AllocationDecision =
  | { ok: true; oversubscribed: boolean }
  | { ok: false; reason: "exceeds_ceiling" | "no_ceiling" | "needs_confirmation"; check: AllocationCheck };

/** Is this one parent's change within the rule for this role? */
export function decideOne(role: AllocRole, check: AllocationCheck, confirmOversubscribe: boolean): AllocationDecision {
  const increases = check.afterMicros > check.beforeMicros;
  if (!increases) return { ok: true, oversubscribed: false };
  const { ceilingMicros } = check;
  if (role === "lead") {
    // A user without a budget of the period does not cap their keys: only the team ceiling does.
    if (ceilingMicros === null) {
      return check.level === "team" ? { ok: false, reason: "no_ceiling", check } : { ok: true, oversubscribed: false };
    }
    return check.afterMicros <= ceilingMicros ? { ok: true, oversubscribed: false } : { ok: false, reason: "exceeds_ceiling", check };
  }
  if (ceilingMicros === null || check.afterMicros <= ceilingMicros) return { ok: true, oversubscribed: false };
  if (role === "owner" || role === "admin" || role === "finance") {
    return confirmOversubscribe ? { ok: true, oversubscribed: true } : { ok: false, reason: "needs_confirmation", check };
  }
  return { ok: false, reason: "exceeds_ceiling", check };
}

/** Every parent must pass; the answer is oversubscribed if any parent was knowingly exceeded. */
export function decideAll(role: AllocRole, checks: AllocationCheck[], confirmOversubscribe: boolean): AllocationDecision {
  let oversubscribed = false;
  for (const check of checks) {
    const d = decideOne(role, check, confirmOversubscribe);
    if (!d.ok) return d;
    oversubscribed ||= d.oversubscribed;
  }
  return { ok: true, oversubscribed };
}

/**
 * The parents whose allocation a set of changed nodes touches, with before/after sums. `before` is
 * every node of the period as stored; `after` is the same set with the changes applied.
 */
export function allocationChecks(before: AllocNode[], after: AllocNode[], changed: AllocNode[], period: string): AllocationCheck[] {
  const teams = new Set<string>();
  const users = new Set<string>();
  for (const n of changed) {
    // A changed ceiling (team or user budget) is reported too; it never increases an allocation.
    if (n.level !== "org" && n.teamId) teams.add(n.teamId);
    if ((n.level === "key" || n.level === "user") && n.userId) users.add(n.userId);
  }
  const checks: AllocationCheck[] = [];
  for (const teamId of teams) {
    const b = teamAllocation(before, teamId);
    const a = teamAllocation(after, teamId);
    checks.push({ level: "team", scopeId: teamId, period, ceilingMicros: a.ceilingMicros, beforeMicros: b.allocatedMicros, afterMicros: a.allocatedMicros });
  }
  for (const userId of users) {
    const b = userAllocation(before, userId);
    const a = userAllocation(after, userId);
    checks.push({ level: "user", scopeId: userId, period, ceilingMicros: a.ceilingMicros, beforeMicros: b.allocatedMicros, afterMicros: a.allocatedMicros });
  }
  return checks;
}
