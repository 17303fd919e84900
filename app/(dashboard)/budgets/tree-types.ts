// The shapes the budgets page hands to its client pieces. Money stays bigint micro-dollars until it
// is formatted; dates are ISO strings so server and browser render the same text.

export type Level = "org" | "team" | "user" | "key";
export type BudgetState = "fine" | "threshold" | "exceeded";

export type BudgetView = {
  id: string;
  name: string;
  level: Level;
  /** The entity the budget belongs to (org, team, user or key id). */
  scopeId: string;
  /** Team of the entity (null for org budgets and for users without a team). */
  teamId: string | null;
  /** User of the entity: the user for user budgets, the key's owner for key budgets. */
  userId: string | null;
  limitMicros: bigint;
  usedMicros: bigint;
  reservedMicros: bigint;
  enforcement: "hard" | "soft";
  period: "daily" | "weekly" | "monthly" | "custom";
  customPeriod: { every: number; unit: "hours" | "days" } | null;
  /** Same period kind and length: what allocation and reallocation compare. */
  periodKey: string;
  periodLabel: string;
  alertThresholds: number[];
  alertCooldownMinutes: number;
  filters: { model: string | null; provider: string | null; tag: string | null };
  shadow: boolean;
  windowStart: string;
  resetAt: string;
  state: BudgetState;
  /** The highest threshold reached this window (null: none). */
  reachedThreshold: number | null;
  /** Shadow budgets: requests the budget would have denied this window and the one before. */
  wouldDeny: { current: number; previous: number } | null;
  /** Requests this budget denied in the current window (it is blocking, even if not yet at 100%). */
  deniedRequests: number;
  canEdit: boolean;
  canDelete: boolean;
  canReallocate: boolean;
  /** Set while a change is on its way to the server (optimistic display). */
  pending?: boolean;
};

/** Optimistic changes by budget id, shown until the server's fresh tree arrives. */
export type BudgetPatches = Record<string, Partial<BudgetView>>;
export type Optimistic = { apply: (p: BudgetPatches) => void; revert: (ids: string[]) => void };

export type AllocationView = {
  periodKey: string;
  periodLabel: string;
  ceilingMicros: bigint | null;
  allocatedMicros: bigint;
  oversubscribed: boolean;
};

export type TreeNode = {
  /** `${level}:${entityId}` — unique across levels. */
  key: string;
  level: Level;
  entityId: string;
  name: string;
  /** Email for users, prefix for keys. */
  detail: string | null;
  teamId: string | null;
  budgets: BudgetView[];
  /** Allocation vs ceiling (teams: their users and keys; users: their keys), one per period. */
  allocations: AllocationView[];
  canCreate: boolean;
  children: TreeNode[];
};
