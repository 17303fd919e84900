// What the engine hands to the database. Everything in one Batch is written in ONE transaction.

export type SettleRecord = {
  orgId: string;
  requestId: string;
  reservationId: string | null;
  occurredAt: Date;
  /** Minutes since the epoch of the start of the org-local hour holding occurredAt. */
  bucketMinute: number;
  /** The org-local day of that bucket (analytics' `localDayOfBucket`): the daily rollups' key. */
  localDay: number;
  teamId: string;
  userId: string | null;
  apiKeyId: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  costMicros: bigint;
  estimatedCostMicros: bigint | null;
  latencyMs: number | null;
  status: "ok" | "error" | "cancelled";
  tags: Record<string, string> | null;
  /** Budget windows this event adds its cost to. */
  windows: { budgetId: string; windowStart: Date }[];
  /** Tag rollup rows (already limited to the org's analytics tag keys and folded to "(other)"). */
  tagRollups: { tagKey: string; tagValue: string }[];
};

/** Denied and would-deny counts; best effort, they ride along with the next commit. */
export type WindowDelta = { budgetId: string; windowStart: Date; denied: number; wouldDeny: number };

export type AlertRecord = {
  orgId: string;
  type: "threshold" | "exceeded" | "soft_exceeded";
  level: "org" | "team" | "user" | "key";
  budgetId: string;
  apiKeyId: string | null;
  threshold: number | null;
  windowStart: Date;
  /** Unique per org: once per threshold per window, across replicas and restarts. */
  dedupeKey: string;
  message: string;
  data: Record<string, unknown>;
};

export type Batch = {
  settles: SettleRecord[];
  deltas: WindowDelta[];
  alerts: AlertRecord[];
  /** ApiKey.lastUsedAt updates (the committer sends one per key per minute at most). */
  keysUsed: Map<string, Date>;
};

export interface UsageStore {
  /** Writes the batch in one transaction; per settle, true if inserted, false if its requestId existed. */
  commit(batch: Batch): Promise<boolean[]>;
  /** Cost of an already recorded event (for a duplicate settle's answer). */
  eventCost(orgId: string, requestId: string): Promise<bigint | null>;
  close(): Promise<void>;
}
