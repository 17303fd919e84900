// PostgreSQL's group commit statements with a FIXED text: the rows of usage-sql.ts travel as one array
// per column (`INSERT ... SELECT ... FROM unnest($1::text[], $2::bigint[], ...)`), so a statement's text
// depends on which tables a batch touches, never on how many rows it has. pg-store sends them as
// named prepared statements and each connection parses and plans them once. Measured on the bench's
// batches (1-20 events, 4 windows): the multi-row VALUES text, new for every row count, spent ~60 %
// of PostgreSQL's CPU per commit parsing and planning it. SQLite keeps usage-sql.ts's text (its
// statements are cached by text and it has no planner cost to speak of).
import { createHash } from "node:crypto";
import { rollupDeltas } from "@/lib/analytics/rollup-deltas";
import {
  ALERT_COLS, ALERT_CONFLICT, EVENT_COLS, INT_SUMS, WINDOW_COLS, WINDOW_CONFLICT, alertRows, byOrgInOrder, eventRows,
  pgDialect as d, rollupRows, windowValues, type Col, type RollupRows, type Stmt, type WindowRow,
} from "./usage-sql";
import type { AlertRecord, SettleRecord } from "./types";

/** PostgreSQL types of the columns (an array parameter needs its element type spelled out). */
const TS = "timestamp(3)";
const EVENT_TYPES: Record<string, string> = {
  occurredAt: TS, createdAt: TS, bucketMinute: "integer", inputTokens: "integer", outputTokens: "integer", cachedInputTokens: "integer",
  cacheWriteTokens: "integer", costMicros: "bigint", estimatedCostMicros: "bigint", latencyMs: "integer", status: '"UsageStatus"', tags: "jsonb",
};
const WINDOW_TYPES: Record<string, string> = { windowStart: TS, updatedAt: TS, spentMicros: "bigint", requests: "integer", deniedRequests: "integer", wouldDenyRequests: "integer" };
const ALERT_TYPES: Record<string, string> = { type: '"AlertType"', level: '"BudgetLevel"', threshold: "integer", windowStart: TS, data: "jsonb", createdAt: TS };
const rollupType = (name: string, keyCols: string[]) =>
  keyCols.includes(name) ? (name === "bucketMinute" || name === "day" ? "integer" : "text") : name === "id" ? "text" : INT_SUMS.has(name) ? "integer" : "bigint";

/**
 * `INSERT INTO table (cols) SELECT ... FROM unnest(one array per column)`. Rows go in in the order
 * given (the row locks of their unique keys are taken in that order); with `existsIn`, rows whose
 * budget was deleted meanwhile are skipped (as usage-sql.ts does) and ORDINALITY keeps the order
 * whatever join the planner picks for the filter.
 */
function unnestInsert(table: string, cols: Col[], type: (name: string) => string, rows: unknown[][], tail: string, existsIn?: { col: number; table: string }): Stmt {
  const params = cols.map((_c, j) => rows.map((r) => r[j]));
  const arrays = cols.map((c, j) => `$${j + 1}::${type(c.name)}[]`).join(", ");
  const names = cols.map((c) => `"${c.name}"`).join(",");
  if (!existsIn) return { sql: `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${arrays}) ${tail}`, params };
  const aliases = cols.map((_c, j) => `c${j + 1}`);
  const filter = `v.c${existsIn.col} IN (SELECT "id" FROM "${existsIn.table}")`;
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${aliases.map((a) => `v.${a}`).join(",")} FROM unnest(${arrays}) WITH ORDINALITY AS v(${aliases.join(",")},ord) WHERE ${filter} ORDER BY v.ord ${tail}`;
  return { sql, params };
}

const EVENT_RETURNING = `ON CONFLICT ("orgId","requestId") DO NOTHING RETURNING "orgId","requestId"`;

/**
 * The events, in the order given. `returning`: skip and report already recorded requestIds (the
 * transaction); without it a duplicate aborts the statement (the one-statement commit).
 */
export function pgInsertEvents(recs: SettleRecord[], now: Date, returning: boolean): Stmt {
  return unnestInsert("UsageEvent", EVENT_COLS, (n) => EVENT_TYPES[n] ?? "text", eventRows(d, recs, now), returning ? EVENT_RETURNING : "");
}

export function pgUpsertWindows(rows: WindowRow[], now: Date): Stmt {
  return unnestInsert("BudgetWindow", WINDOW_COLS, (n) => WINDOW_TYPES[n] ?? "text", windowValues(d, rows, now), WINDOW_CONFLICT, { col: 1, table: "Budget" });
}

/**
 * The rollup upserts of the records: ONE statement per table for all orgs (usage-sql.ts writes one
 * per org and table), rows sorted by (orgId, key). Row locks are therefore taken table by table,
 * each table's rows in key order: one total order for every transaction that runs this code.
 */
export function pgUpsertRollups(recs: SettleRecord[]): Stmt[] {
  const tables = new Map<string, RollupRows>();
  for (const [orgId, list] of byOrgInOrder(recs)) {
    for (const t of rollupRows(d, orgId, rollupDeltas(list, null))) {
      const all = tables.get(t.table);
      if (all) all.values.push(...t.values);
      else tables.set(t.table, { ...t, values: [...t.values] });
    }
  }
  return [...tables.values()].map((t) => unnestInsert(t.table, t.cols, (n) => rollupType(n, t.keyCols), t.values, t.conflict));
}

export function pgInsertAlerts(alerts: AlertRecord[], now: Date): Stmt {
  return unnestInsert("Alert", ALERT_COLS, (n) => ALERT_TYPES[n] ?? "text", alertRows(d, alerts, now), ALERT_CONFLICT, { col: 5, table: "Budget" });
}

const names = new Map<string, string>();

/**
 * A prepared statement's name for a text: the same on every connection, and distinct texts never
 * share one (node-postgres refuses a known name with another text).
 */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    if (names.size >= 1000) names.clear();
    name = `purser_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}
