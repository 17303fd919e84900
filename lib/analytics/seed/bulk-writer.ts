// Fast bulk inserts of usage events and rollup rows, straight through the drivers (Prisma's per-row
// overhead would make 10 M events take an hour). SQLite: prepared multi-row INSERTs in large
// transactions; PostgreSQL: INSERT ... SELECT FROM unnest(typed arrays), 5,000 rows a statement.
// Only for seeding fresh orgs: rollup rows are plain inserts (the seeder never revisits a bucket).
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqliteFilePath } from "@/lib/db";
import type { DailyRollupDelta, DailyTagRollupDelta, RollupDelta, RollupDeltas, TagRollupDelta } from "../rollup-deltas";
import type { GeneratedEvent } from "./generate-usage";

export interface BulkWriter {
  events(orgId: string, rows: GeneratedEvent[]): Promise<void>;
  /** Plain inserts: each call must bring whole days (the seeder never revisits a bucket or a day). */
  rollups(orgId: string, deltas: RollupDeltas): Promise<void>;
  close(): Promise<void>;
}

let counter = 0;
const runId = Date.now().toString(36);
// Increasing ids: appends to the primary-key B-tree instead of random inserts.
const nextId = () => `s${runId}${(counter++).toString(36).padStart(8, "0")}`;

const EVENT_COLS = ["id", "orgId", "requestId", "occurredAt", "bucketMinute", "teamId", "userId", "apiKeyId", "provider", "model",
  "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros", "estimatedCostMicros", "latencyMs", "status", "tags", "createdAt"];
const ROLLUP_COLS = ["id", "orgId", "bucketMinute", "teamId", "userId", "apiKeyId", "provider", "model", "requests", "errorRequests",
  "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros", "estimatedCostMicros", "latencyMsSum"];
const DAILY_COLS = ROLLUP_COLS.map((c) => (c === "bucketMinute" ? "day" : c));
const TAG_COLS = ["id", "orgId", "bucketMinute", "tagKey", "tagValue", "teamId", "userId", "apiKeyId", "provider", "model", "requests",
  "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros"];

const DAILY_TAG_COLS = TAG_COLS.map((c) => (c === "bucketMinute" ? "day" : c));

function eventValues(orgId: string, e: GeneratedEvent, date: (d: Date) => string): unknown[] {
  return [nextId(), orgId, nextId(), date(e.occurredAt), e.bucketMinute, e.teamId, e.userId, e.apiKeyId, e.provider, e.model,
    e.inputTokens, e.outputTokens, e.cachedInputTokens, e.cacheWriteTokens, e.costMicros, e.costMicros, e.latencyMs, e.status,
    JSON.stringify(e.tags), date(e.occurredAt)];
}
const rollupValues = (orgId: string, r: RollupDelta | DailyRollupDelta) => [nextId(), orgId, "day" in r ? r.day : r.bucketMinute, r.teamId, r.userId, r.apiKeyId, r.provider,
  r.model, r.requests, r.errorRequests, r.inputTokens, r.outputTokens, r.cachedInputTokens, r.cacheWriteTokens, r.costMicros,
  r.estimatedCostMicros, r.latencyMsSum];
const tagValues = (orgId: string, r: TagRollupDelta | DailyTagRollupDelta) => [nextId(), orgId, "day" in r ? r.day : r.bucketMinute, r.tagKey, r.tagValue, r.teamId, r.userId,
  r.apiKeyId, r.provider, r.model, r.requests, r.inputTokens, r.outputTokens, r.cachedInputTokens, r.cacheWriteTokens, r.costMicros];

function sqliteWriter(url: string): BulkWriter {
  const raw = new Database(sqliteFilePath(url));
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  raw.defaultSafeIntegers(true);
  // Prisma's SQLite DateTime format.
  const date = (d: Date) => d.toISOString().replace("Z", "+00:00");
  const statements = new Map<string, Database.Statement>();
  const insert = (table: string, cols: string[], rows: unknown[][]) => {
    const per = Math.floor(30_000 / cols.length);
    const tx = raw.transaction(() => {
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const key = `${table}:${chunk.length}`;
        let st = statements.get(key);
        if (!st) {
          const one = `(${cols.map(() => "?").join(",")})`;
          st = raw.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(",")}) VALUES ${Array(chunk.length).fill(one).join(",")}`);
          statements.set(key, st);
        }
        st.run(chunk.flat());
      }
    });
    tx();
  };
  return {
    async events(orgId, rows) {
      insert("UsageEvent", EVENT_COLS, rows.map((e) => eventValues(orgId, e, date)));
    },
    async rollups(orgId, d) {
      insert("UsageRollup", ROLLUP_COLS, d.rollups.map((r) => rollupValues(orgId, r)));
      insert("UsageTagRollup", TAG_COLS, d.tagRollups.map((r) => tagValues(orgId, r)));
      insert("UsageDailyRollup", DAILY_COLS, d.dailyRollups.map((r) => rollupValues(orgId, r)));
      insert("UsageDailyTagRollup", DAILY_TAG_COLS, d.dailyTagRollups.map((r) => tagValues(orgId, r)));
    },
    async close() {
      raw.exec("ANALYZE");
      raw.pragma("wal_checkpoint(TRUNCATE)");
      raw.close();
    },
  };
}

const EVENT_TYPES = ["text", "text", "text", "timestamp(3)", "int", "text", "text", "text", "text", "text", "int", "int", "int", "int",
  "bigint", "bigint", "int", `"UsageStatus"`, "jsonb", "timestamp(3)"];
const ROLLUP_TYPES = ["text", "text", "int", "text", "text", "text", "text", "text", "int", "int", "bigint", "bigint", "bigint", "bigint",
  "bigint", "bigint", "bigint"];
const TAG_TYPES = ["text", "text", "int", "text", "text", "text", "text", "text", "text", "text", "int", "bigint", "bigint", "bigint",
  "bigint", "bigint"];

function pgWriter(url: string): BulkWriter {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const date = (d: Date) => d.toISOString();
  const insert = async (table: string, cols: string[], types: string[], rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 5_000) {
      const chunk = rows.slice(i, i + 5_000);
      const columns = cols.map((_, c) => chunk.map((r) => (typeof r[c] === "bigint" ? String(r[c]) : r[c])));
      const unnest = types.map((t, c) => `$${c + 1}::${t.replace(/\(3\)$/, "(3)")}[]`).join(", ");
      await pool.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(",")}) SELECT * FROM unnest(${unnest})`, columns);
    }
  };
  return {
    async events(orgId, rows) {
      await insert("UsageEvent", EVENT_COLS, EVENT_TYPES, rows.map((e) => eventValues(orgId, e, date)));
    },
    async rollups(orgId, d) {
      await insert("UsageRollup", ROLLUP_COLS, ROLLUP_TYPES, d.rollups.map((r) => rollupValues(orgId, r)));
      await insert("UsageTagRollup", TAG_COLS, TAG_TYPES, d.tagRollups.map((r) => tagValues(orgId, r)));
      await insert("UsageDailyRollup", DAILY_COLS, ROLLUP_TYPES, d.dailyRollups.map((r) => rollupValues(orgId, r)));
      await insert("UsageDailyTagRollup", DAILY_TAG_COLS, TAG_TYPES, d.dailyTagRollups.map((r) => tagValues(orgId, r)));
    },
    async close() {
      await pool.query(`ANALYZE "UsageEvent"; ANALYZE "UsageRollup"; ANALYZE "UsageTagRollup"; ANALYZE "UsageDailyRollup"; ANALYZE "UsageDailyTagRollup"`);
      await pool.end();
    },
  };
}

export function bulkWriter(url: string): BulkWriter {
  return providerOf(url) === "postgresql" ? pgWriter(url) : sqliteWriter(url);
}
