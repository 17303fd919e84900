// The group commit's SQL, one text for SQLite and PostgreSQL: multi-row inserts and
// `ON CONFLICT ... DO UPDATE` upserts (both dialects), differing only in placeholders and casts.
import { randomUUID } from "node:crypto";
import { rollupDeltas, type RollupDeltas } from "@/lib/analytics/rollup-deltas";
import type { AlertRecord, SettleRecord, WindowDelta } from "./types";

export type Dialect = {
  name: "sqlite" | "postgresql";
  /** Placeholder for parameter number i (1-based), with a cast where PostgreSQL needs one. */
  ph(i: number, cast?: Cast): string;
  ts(d: Date): string;
  big(n: bigint): bigint | string;
};

export const sqliteDialect: Dialect = {
  name: "sqlite",
  ph: () => "?",
  // Prisma's SQLite adapter stores DateTime as this exact text; equality lookups depend on it.
  ts: (d) => d.toISOString().replace("Z", "+00:00"),
  big: (n) => n,
};

export type Cast = "ts" | "json" | "status" | "alert" | "level" | "big" | "int";
// Casts matter in `INSERT ... SELECT FROM (VALUES ...)`, where PostgreSQL cannot infer parameter types.
const PG_CASTS: Record<Cast, string> = {
  ts: "::timestamp(3)",
  json: "::jsonb",
  status: '::"UsageStatus"',
  alert: '::"AlertType"',
  level: '::"BudgetLevel"',
  big: "::bigint",
  int: "::integer",
};
export const pgDialect: Dialect = {
  name: "postgresql",
  ph: (i, cast) => `$${i}${cast ? PG_CASTS[cast] : ""}`,
  // Prisma stores UTC in `timestamp(3)` (no zone); an ISO string with Z is read as that UTC time.
  ts: (d) => d.toISOString(),
  big: (n) => n.toString(),
};

export type Stmt = { sql: string; params: unknown[] };
export type Col = { name: string; cast?: Cast };

export const newId = () => `e${randomUUID().replace(/-/g, "")}`;

function multiInsert(
  d: Dialect,
  table: string,
  cols: Col[],
  rows: unknown[][],
  tail: string,
  existsIn?: { col: number; table: string },
): Stmt {
  const params: unknown[] = [];
  const values = rows.map((row) => {
    const phs = row.map((v, j) => {
      params.push(v);
      return d.ph(params.length, cols[j].cast);
    });
    return `(${phs.join(",")})`;
  });
  const names = cols.map((c) => `"${c.name}"`).join(",");
  if (!existsIn) return { sql: `INSERT INTO "${table}" (${names}) VALUES ${values.join(",")} ${tail}`, params };
  // Rows that point at a budget deleted meanwhile are skipped instead of failing the whole group
  // commit on the foreign key (which would lose every other settle of the batch).
  const picks = cols.map((_c, j) => `v.column${j + 1}`).join(",");
  const filter = `v.column${existsIn.col} IN (SELECT "id" FROM "${existsIn.table}")`;
  return { sql: `INSERT INTO "${table}" (${names}) SELECT ${picks} FROM (VALUES ${values.join(",")}) AS v WHERE ${filter} ${tail}`, params };
}

const addAll = (table: string, cols: readonly string[]) => cols.map((c) => `"${c}" = "${table}"."${c}" + excluded."${c}"`).join(", ");

export const EVENT_COLS: Col[] = [
  "id", "orgId", "requestId", "reservationId", "occurredAt", "bucketMinute", "teamId", "userId", "apiKeyId",
  "provider", "model", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros",
  "estimatedCostMicros", "latencyMs", "status", "tags", "createdAt",
].map((name) => ({ name, cast: name === "occurredAt" || name === "createdAt" ? "ts" : name === "status" ? "status" : name === "tags" ? "json" : undefined }));

/** The event rows of EVENT_COLS (pg-batch-sql.ts sends the same rows as arrays). */
export function eventRows(d: Dialect, recs: SettleRecord[], now: Date): unknown[][] {
  return recs.map((r) => [
    newId(), r.orgId, r.requestId, r.reservationId, d.ts(r.occurredAt), r.bucketMinute, r.teamId, r.userId, r.apiKeyId,
    r.provider, r.model, r.inputTokens, r.outputTokens, r.cachedInputTokens, r.cacheWriteTokens, d.big(r.costMicros),
    r.estimatedCostMicros === null ? null : d.big(r.estimatedCostMicros), r.latencyMs, r.status,
    r.tags ? JSON.stringify(r.tags) : null, d.ts(now),
  ]);
}

export function insertEvents(d: Dialect, recs: SettleRecord[], now: Date): Stmt {
  return multiInsert(d, "UsageEvent", EVENT_COLS, eventRows(d, recs, now), `ON CONFLICT ("orgId","requestId") DO NOTHING RETURNING "orgId","requestId"`);
}

export type WindowRow = { budgetId: string; windowStart: Date; spent: bigint; requests: number; denied: number; wouldDeny: number };

export const WINDOW_COLS: Col[] = [{ name: "budgetId" }, { name: "windowStart", cast: "ts" }, { name: "spentMicros", cast: "big" }, { name: "requests", cast: "int" }, { name: "deniedRequests", cast: "int" }, { name: "wouldDenyRequests", cast: "int" }, { name: "updatedAt", cast: "ts" }];
export const WINDOW_CONFLICT = `ON CONFLICT ("budgetId","windowStart") DO UPDATE SET ${addAll("BudgetWindow", ["spentMicros", "requests", "deniedRequests", "wouldDenyRequests"])}, "updatedAt" = excluded."updatedAt"`;
export const windowValues = (d: Dialect, rows: WindowRow[], now: Date): unknown[][] =>
  rows.map((r) => [r.budgetId, d.ts(r.windowStart), d.big(r.spent), r.requests, r.denied, r.wouldDeny, d.ts(now)]);

export function upsertWindows(d: Dialect, rows: WindowRow[], now: Date): Stmt {
  return multiInsert(d, "BudgetWindow", WINDOW_COLS, windowValues(d, rows, now), WINDOW_CONFLICT, { col: 1, table: "Budget" });
}

const DIMS = ["teamId", "userId", "apiKeyId", "provider", "model"] as const;
const ROLLUP_SUMS = ["requests", "errorRequests", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros", "estimatedCostMicros", "latencyMsSum"] as const;
const TAG_SUMS = ["requests", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "costMicros"] as const;
export const ROLLUP_TABLES = [
  { table: "UsageRollup", field: "rollups", key: ["bucketMinute", ...DIMS], sums: ROLLUP_SUMS },
  { table: "UsageDailyRollup", field: "dailyRollups", key: ["day", ...DIMS], sums: ROLLUP_SUMS },
  { table: "UsageTagRollup", field: "tagRollups", key: ["bucketMinute", "tagKey", "tagValue", ...DIMS], sums: TAG_SUMS },
  { table: "UsageDailyTagRollup", field: "dailyTagRollups", key: ["day", "tagKey", "tagValue", ...DIMS], sums: TAG_SUMS },
] as const;
export const INT_SUMS = new Set<string>(["requests", "errorRequests"]);

export type RollupRows = { table: (typeof ROLLUP_TABLES)[number]["table"]; cols: Col[]; keyCols: string[]; conflict: string; values: unknown[][] };

/** One org's rollup increments as rows per table (tables in ROLLUP_TABLES order, rows sorted by key). */
export function rollupRows(d: Dialect, orgId: string, deltas: RollupDeltas): RollupRows[] {
  const out: RollupRows[] = [];
  for (const t of ROLLUP_TABLES) {
    const rows = deltas[t.field] as unknown as Record<string, unknown>[];
    if (!rows.length) continue;
    const keyCols = ["orgId", ...t.key];
    const cols: Col[] = ["id", ...keyCols, ...t.sums].map((name) => ({ name }));
    const values = rows
      .map((r) => [newId(), orgId, ...t.key.map((c) => r[c]), ...t.sums.map((c) => (INT_SUMS.has(c) ? r[c] : d.big(r[c] as bigint)))])
      .sort((a, b) => compareKeys(a, b, keyCols.length));
    const conflict = `ON CONFLICT (${keyCols.map((c) => `"${c}"`).join(",")}) DO UPDATE SET ${addAll(t.table, t.sums)}`;
    out.push({ table: t.table, cols, keyCols, conflict, values });
  }
  return out;
}

/**
 * Upserts of rollup increments (from `rollupDeltas`) into the four rollup tables: `ON CONFLICT DO
 * UPDATE SET x = x + excluded.x`, so concurrent writers add rather than overwrite. Rows are sorted
 * by key: concurrent transactions then lock shared rows in the same order and cannot deadlock.
 */
export function upsertRollups(d: Dialect, orgId: string, deltas: RollupDeltas, rowsPerStmt = 200): Stmt[] {
  const out: Stmt[] = [];
  for (const t of rollupRows(d, orgId, deltas)) for (const c of chunks(t.values, rowsPerStmt)) out.push(multiInsert(d, t.table, t.cols, c, t.conflict));
  return out;
}

function compareKeys(a: unknown[], b: unknown[], n: number): number {
  for (let i = 1; i <= n; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Settle's records per org, orgs in id order (like every other shared row: concurrent transactions lock in one order). */
export function byOrgInOrder(recs: SettleRecord[]): [string, SettleRecord[]][] {
  const byOrg = new Map<string, SettleRecord[]>();
  for (const r of recs) {
    const list = byOrg.get(r.orgId);
    if (list) list.push(r);
    else byOrg.set(r.orgId, [r]);
  }
  return [...byOrg].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Settle's records -> rollup upserts, per org (records carry their bucket, local day and tag rows). */
export function settleRollups(d: Dialect, recs: SettleRecord[]): Stmt[] {
  return byOrgInOrder(recs).flatMap(([orgId, list]) => upsertRollups(d, orgId, rollupDeltas(list, null)));
}

/**
 * Window totals of the inserted events plus the denied/would-deny deltas, one row per window, sorted
 * by (budgetId, windowStart): concurrent transactions lock these hot rows in one order.
 */
export function windowRows(recs: SettleRecord[], deltas: WindowDelta[]): WindowRow[] {
  const map = new Map<string, WindowRow>();
  const row = (budgetId: string, windowStart: Date) => {
    const k = `${budgetId}@${windowStart.getTime()}`;
    let r = map.get(k);
    if (!r) map.set(k, (r = { budgetId, windowStart, spent: 0n, requests: 0, denied: 0, wouldDeny: 0 }));
    return r;
  };
  for (const rec of recs) {
    for (const w of rec.windows) {
      const r = row(w.budgetId, w.windowStart);
      r.spent += rec.costMicros;
      r.requests += 1;
    }
  }
  for (const dl of deltas) {
    const r = row(dl.budgetId, dl.windowStart);
    r.denied += dl.denied;
    r.wouldDeny += dl.wouldDeny;
  }
  return [...map.values()].sort((a, b) => (a.budgetId < b.budgetId ? -1 : a.budgetId > b.budgetId ? 1 : a.windowStart.getTime() - b.windowStart.getTime()));
}

export const ALERT_COLS: Col[] = [
  { name: "id" }, { name: "orgId" }, { name: "type", cast: "alert" }, { name: "level", cast: "level" }, { name: "budgetId" },
  { name: "apiKeyId" }, { name: "threshold", cast: "int" }, { name: "windowStart", cast: "ts" }, { name: "dedupeKey" }, { name: "message" },
  { name: "data", cast: "json" }, { name: "createdAt", cast: "ts" },
];
export const ALERT_CONFLICT = `ON CONFLICT ("orgId","dedupeKey") DO NOTHING`;
export const alertRows = (d: Dialect, alerts: AlertRecord[], now: Date): unknown[][] =>
  alerts.map((a) => [newId(), a.orgId, a.type, a.level, a.budgetId, a.apiKeyId, a.threshold, d.ts(a.windowStart), a.dedupeKey, a.message, JSON.stringify(a.data), d.ts(now)]);

export function insertAlerts(d: Dialect, alerts: AlertRecord[], now: Date): Stmt {
  return multiInsert(d, "Alert", ALERT_COLS, alertRows(d, alerts, now), ALERT_CONFLICT, { col: 5, table: "Budget" });
}

export function touchKey(d: Dialect, keyId: string, at: Date): Stmt {
  return { sql: `UPDATE "ApiKey" SET "lastUsedAt" = ${d.ph(1, "ts")} WHERE "id" = ${d.ph(2)}`, params: [d.ts(at), keyId] };
}

/** Splits rows so no statement exceeds SQLite's and PostgreSQL's parameter limits. */
export function chunks<T>(items: T[], size = 400): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
