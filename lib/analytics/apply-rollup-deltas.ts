// Applies rollup increments inside the caller's transaction (settle's group commit). One statement
// per batch: `INSERT ... ON CONFLICT (...) DO UPDATE SET x = x + excluded.x` means the same SQL on
// SQLite (>= 3.24) and PostgreSQL, and concurrent writers add rather than overwrite.
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { Tx } from "@/lib/db";
import type { RollupDelta, TagRollupDelta } from "./rollup-deltas";

type Executor = Pick<Tx, "$executeRaw">;

const DIMS = ["orgId", "bucketMinute", "teamId", "userId", "apiKeyId", "provider", "model"] as const;
const ROLLUP_SUMS = [
  "requests", "errorRequests", "inputTokens", "outputTokens", "cachedInputTokens",
  "cacheWriteTokens", "costMicros", "estimatedCostMicros", "latencyMsSum",
] as const;
const TAG_DIMS = ["orgId", "bucketMinute", "tagKey", "tagValue", "teamId", "userId", "apiKeyId", "provider", "model"] as const;
const TAG_SUMS = ["requests", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros"] as const;

// 19 parameters a row: 400 rows stay far below SQLite's 32,766 and PostgreSQL's 65,535 limits.
const BATCH = 400;

const { sql, join, raw } = Prisma;
const q = (name: string) => raw(`"${name}"`);

function upsert(table: string, dims: readonly string[], sums: readonly string[], rows: Record<string, unknown>[]) {
  const columns = ["id", ...dims, ...sums];
  const values = rows.map((r) => sql`(${join(columns.map((c) => (c === "id" ? randomUUID() : r[c])))})`);
  const updates = sums.map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`).join(", ");
  return sql`INSERT INTO ${q(table)} (${raw(columns.map((c) => `"${c}"`).join(", "))})
    VALUES ${join(values)}
    ON CONFLICT (${raw(dims.map((c) => `"${c}"`).join(", "))}) DO UPDATE SET ${raw(updates)}`;
}

export async function applyRollupDeltas(
  tx: Executor,
  orgId: string,
  deltas: { rollups: RollupDelta[]; tagRollups: TagRollupDelta[] },
): Promise<void> {
  for (let i = 0; i < deltas.rollups.length; i += BATCH) {
    const rows = deltas.rollups.slice(i, i + BATCH).map((r) => ({ ...r, orgId }));
    await tx.$executeRaw(upsert("UsageRollup", DIMS, ROLLUP_SUMS, rows));
  }
  for (let i = 0; i < deltas.tagRollups.length; i += BATCH) {
    const rows = deltas.tagRollups.slice(i, i + BATCH).map((r) => ({ ...r, orgId }));
    await tx.$executeRaw(upsert("UsageTagRollup", TAG_DIMS, TAG_SUMS, rows));
  }
}
