// Executes the group commit's SQL on its own thread, so the fsync of a commit (synchronous=FULL)
// never blocks the event loop that answers authorize. Plain CommonJS: it is loaded by path from
// every runtime (tsx, vitest, Next) without a TypeScript loader.
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");

const conn = new Database(workerData.file);
conn.pragma("journal_mode = WAL");
conn.pragma("synchronous = FULL");
conn.pragma("busy_timeout = 15000"); // dashboard writes and test processes share the file
conn.pragma("foreign_keys = ON");
const cache = new Map();
const prepare = (sql) => {
  let s = cache.get(sql);
  if (!s) {
    if (cache.size > 2000) cache.clear();
    s = conn.prepare(sql);
    cache.set(sql, s);
  }
  return s;
};

parentPort.on("message", (m) => {
  try {
    let result = null;
    if (m.op === "begin") {
      // Take the write lock and insert the events. The follow-ups (window totals, rollups) were
      // built assuming every event is new: if so, run them and commit in this same round trip;
      // otherwise leave the transaction open and let the main thread send the right ones.
      prepare("BEGIN IMMEDIATE").run();
      const rows = [];
      for (const st of m.stmts) rows.push(...prepare(st.sql).all(...st.params));
      const committed = rows.length === m.expected;
      if (committed) {
        for (const st of m.optimistic) prepare(st.sql).run(...st.params);
        prepare("COMMIT").run();
      }
      result = { rows, committed };
    } else if (m.op === "finish") {
      for (const st of m.stmts) prepare(st.sql).run(...st.params);
      prepare("COMMIT").run();
    } else if (m.op === "rollback") {
      if (conn.inTransaction) conn.prepare("ROLLBACK").run();
    } else if (m.op === "get") {
      result = prepare(m.sql).safeIntegers(true).get(...m.params) ?? null;
      if (result) for (const k of Object.keys(result)) if (typeof result[k] === "bigint") result[k] = result[k].toString();
    } else if (m.op === "close") {
      conn.close();
    }
    parentPort.postMessage({ id: m.id, result });
  } catch (e) {
    if (m.op !== "get" && conn.inTransaction) conn.prepare("ROLLBACK").run();
    parentPort.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
