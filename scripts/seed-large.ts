// npm run seed:large -- --events 1000000 [--db URL] [--days 90] [--tz Europe/Berlin] [--name "Acme AI"] [--seed 42]
//   [--skip-events: rollups only, for benchmarking the rollup queries at sizes whose raw events would not fit]
// Generates a realistic organization and N usage events straight into the database, with their hourly
// rollups (hourly and daily, computed by the same rollupDeltas as settle), in batches of whole days. Prints the throughput.
import { parseArgs } from "node:util";
import pg from "pg";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { createDb, databaseUrl, providerOf } from "@/lib/db";
import { rollupDeltas, TagValueCap } from "@/lib/analytics/rollup-deltas";
import { localDayOfBucket } from "@/lib/analytics/buckets";
import { generateUsage, type GeneratedEvent } from "@/lib/analytics/seed/generate-usage";
import { bulkWriter } from "@/lib/analytics/seed/bulk-writer";
import { seedOrg, SEED_PASSWORD } from "@/lib/analytics/seed/seed-org";
import { seedBudgetWindows } from "@/lib/analytics/seed/seed-budget-windows";

async function main() {
  const { values } = parseArgs({
    options: {
      events: { type: "string", default: "100000" },
      db: { type: "string" },
      days: { type: "string", default: "90" },
      tz: { type: "string", default: "Europe/Berlin" },
      name: { type: "string", default: "Acme AI" },
      seed: { type: "string", default: "42" },
      scale: { type: "string", default: "1" },
      // Benchmarks of the rollup-only queries at 10 M events: write the rollups but not the raw events.
      "skip-events": { type: "boolean", default: false },
    },
  });
  const events = Number(values.events);
  const days = Number(values.days);
  if (!Number.isInteger(events) || events < 1) throw new Error("--events must be a positive integer");
  if (!Number.isInteger(days) || days < 1 || days > 800) throw new Error("--days must be 1..800");
  const url = values.db ?? databaseUrl();
  process.env.DATABASE_URL = url;
  // A fresh database works too: PostgreSQL's is created if missing, then both are migrated.
  if (providerOf(url) === "postgresql") await createPgDatabase(url);
  await runMigrations(url);
  const db = createDb(url);
  const t0 = performance.now();
  const org = await seedOrg(db, { name: values.name!, timezone: values.tz!, scale: Number(values.scale) });
  await db.$disconnect();
  const tOrg = performance.now();
  console.log(`org, ${org.keys.length} keys and budgets created in ${((tOrg - t0) / 1000).toFixed(1)} s`);
  const writer = bulkWriter(url);
  let written = 0;
  let rollupRows = 0;
  let tagRows = 0;
  let dailyRows = 0;
  const tagCap = new TagValueCap();
  let day: GeneratedEvent[] = [];
  const timing = { rollup: 0, events: 0, rollupWrites: 0 };
  const flush = async () => {
    if (!day.length) return;
    let t = performance.now();
    const deltas = rollupDeltas(day, org.timezone, { tagKeys: ["feature", "env"], admitTagValue: tagCap.admit });
    timing.rollup += performance.now() - t;
    t = performance.now();
    if (!values["skip-events"]) await writer.events(org.orgId, day);
    timing.events += performance.now() - t;
    t = performance.now();
    await writer.rollups(org.orgId, deltas);
    timing.rollupWrites += performance.now() - t;
    written += day.length;
    rollupRows += deltas.rollups.length;
    tagRows += deltas.tagRollups.length;
    dailyRows += deltas.dailyRollups.length;
    day = [];
    const s = (performance.now() - tOrg) / 1000;
    process.stdout.write(`\r${written.toLocaleString()} events, ${rollupRows.toLocaleString()} rollup rows, ${Math.round(written / s).toLocaleString()} events/s   `);
  };
  const gen = generateUsage({ events, days, end: new Date(), timezone: org.timezone, keys: org.keys, prices: org.prices, seed: Number(values.seed) });
  // Flushes at local-day boundaries (the bulk writer inserts whole days of daily rollups).
  let batchDay: number | null = null;
  for (const hour of gen) {
    if (!hour.length) continue;
    const d = localDayOfBucket(hour[0].bucketMinute, org.timezone);
    if (d !== batchDay && day.length >= 50_000) await flush();
    batchDay = d;
    for (const e of hour) day.push(e);
  }
  await flush();
  await writer.close();
  const windows = await seedBudgetWindows(createDb(url), org.orgId, org.timezone);
  const secs = (performance.now() - tOrg) / 1000;
  console.log(`\nseeded org "${values.name}" (${org.slug}, ${org.timezone}) on ${providerOf(url)}: ${written.toLocaleString()} events, ` +
    `${rollupRows.toLocaleString()} hourly and ${dailyRows.toLocaleString()} daily rollup rows, ${tagRows.toLocaleString()} hourly tag rollup rows, ${org.keys.length} keys; events and rollups written in ${secs.toFixed(1)} s ` +
    `(${Math.round(written / secs).toLocaleString()} events/s)`);
  console.log(`${windows} current budget windows filled from the rollups`);
  console.log(`time: folding rollups ${(timing.rollup / 1000).toFixed(1)} s, writing events ${(timing.events / 1000).toFixed(1)} s, ` +
    `writing rollups ${(timing.rollupWrites / 1000).toFixed(1)} s, the rest is generation`);
  console.log(`sign in as ${Object.entries(org.accounts).map(([r, e]) => `${r}: ${e}`).join(", ")} (password ${SEED_PASSWORD})`);
  process.exit(0);
}

async function createPgDatabase(url: string) {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
