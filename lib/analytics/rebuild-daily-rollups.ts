// The daily rollups recomputed from the hourly ones, for one org: when its timezone changes (a local
// day then covers other hours) and, once, for data written before the daily tables existed. One
// INSERT ... SELECT ... GROUP BY per table, inside the caller's transaction; the day of an hour
// bucket is the same expression the explorer uses on the hourly table.
import { Prisma } from "@/lib/generated/sqlite/client";
import { dbProvider, type Db, type Tx } from "@/lib/db";
import { offsetSegments } from "./buckets";
import { dayExpr } from "./spend-sql";

const { sql, raw } = Prisma;
type Executor = Pick<Tx, "$executeRaw" | "$queryRaw">;

const DIMS = `"teamId", "userId", "apiKeyId", "provider", "model"`;
const SUMS = ["requests", "errorRequests", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros", "estimatedCostMicros", "latencyMsSum"];
const TAG_SUMS = ["requests", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros"];

export async function rebuildDailyRollups(tx: Executor, orgId: string, timezone: string): Promise<void> {
  const postgres = dbProvider() === "postgresql";
  // Settles wait while the days are rebuilt (their hourly rows, uncommitted, are not in the snapshot,
  // and their daily upserts land after it): nothing is counted twice or lost. SQLite has one writer.
  if (postgres) await tx.$executeRaw`LOCK TABLE "UsageDailyRollup", "UsageDailyTagRollup" IN SHARE ROW EXCLUSIVE MODE`;
  await tx.$executeRaw`DELETE FROM "UsageDailyRollup" WHERE "orgId" = ${orgId}`;
  await tx.$executeRaw`DELETE FROM "UsageDailyTagRollup" WHERE "orgId" = ${orgId}`;
  const [span] = await tx.$queryRaw<{ lo: unknown; hi: unknown }[]>`SELECT MIN("bucketMinute") AS lo, MAX("bucketMinute") AS hi FROM "UsageRollup" WHERE "orgId" = ${orgId}`;
  if (span?.lo === null || span?.lo === undefined) return;
  const day = dayExpr(offsetSegments(Number(span.lo), Number(span.hi) + 1, timezone));
  const id = raw(postgres ? `'d' || md5(random()::text || clock_timestamp()::text)` : `'d' || lower(hex(randomblob(16)))`);
  const copy = (from: string, to: string, keys: string, sums: string[]) => {
    const sumList = raw(sums.map((c) => `"${c}"`).join(", "));
    const sumExprs = raw(sums.map((c) => `SUM("${c}")`).join(", "));
    return sql`INSERT INTO ${raw(`"${to}"`)} ("id", "orgId", "day", ${raw(keys)}, ${sumList})
      SELECT ${id}, "orgId", d, ${raw(keys)}, ${sumExprs}
      FROM (SELECT *, ${day} AS d FROM ${raw(`"${from}"`)} WHERE "orgId" = ${orgId}) AS h
      GROUP BY "orgId", d, ${raw(keys)}`;
  };
  await tx.$executeRaw(copy("UsageRollup", "UsageDailyRollup", DIMS, SUMS));
  await tx.$executeRaw(copy("UsageTagRollup", "UsageDailyTagRollup", `"tagKey", "tagValue", ${DIMS}`, TAG_SUMS));
}

/** On start: orgs with hourly rollups but no daily ones (written before the daily tables) get them. */
export async function backfillDailyRollups(db: Db): Promise<number> {
  const orgs = await db.$queryRaw<{ id: string; timezone: string }[]>`
    SELECT o."id", o."timezone" FROM "Organization" o
    WHERE EXISTS (SELECT 1 FROM "UsageRollup" r WHERE r."orgId" = o."id")
      AND NOT EXISTS (SELECT 1 FROM "UsageDailyRollup" d WHERE d."orgId" = o."id")`;
  for (const o of orgs) await db.$transaction((tx) => rebuildDailyRollups(tx, o.id, o.timezone), { timeout: 600_000 });
  return orgs.length;
}
