// `npm run demo [-- --duration 90] [--events 150000]`: the whole product on a fresh SQLite file.
// 1. data/demo/purser.db is deleted, migrated and seeded with a realistic org and 90 days of history
//    (scripts/seed-large.ts); a demo owner is added to that org so bootstrap attaches its tokens there.
// 2. The production server starts (scripts/start.mjs, building first if needed) with fixed demo tokens.
// 3. A small fleet of gateways drives live traffic through POST /api/authorize and POST /api/usage,
//    and one agent goes runaway until its hard $5 daily key budget denies it (HTTP 402).
// Runs until Ctrl-C (or --duration seconds), then stops the server cleanly.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    duration: { type: "string" },
    events: { type: "string", default: "150000" },
  },
});
const duration = values.duration ? Number(values.duration) : null;
if (duration !== null && !(duration > 0)) throw new Error("--duration must be a positive number of seconds");

const PORT = Number(process.env.PORT ?? 3000);
const BASE = `http://127.0.0.1:${PORT}`;
const DB_FILE = path.resolve("data/demo/purser.db");
const DATABASE_URL = `file:${DB_FILE}`;
// Demo credentials: meant to be printed. Real deployments use long random secrets.
const EMAIL = "demo@purser.local";
const PASSWORD = "purser-demo-password";
const ADMIN_TOKEN = "psr_adm_demo_admin_token_not_for_production";
const GATEWAY_TOKEN = "psr_gw_demo_gateway_token_not_for_production";
const RUNAWAY_LIMIT_USD = 5;

const log = (msg: string) => console.log(`demo: ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

let server: ChildProcess | null = null;
let stopping = false;

async function main() {
  const t0 = performance.now();
  if (await fetch(BASE).then(() => true, () => false)) throw new Error(`something already listens on ${BASE}; stop it or set PORT`);
  mkdirSync(path.dirname(DB_FILE), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(DB_FILE + suffix, { force: true });
  process.env.DATABASE_URL = DATABASE_URL;

  log(`fresh database ${path.relative(process.cwd(), DB_FILE)}; seeding ${Number(values.events).toLocaleString()} events over 90 days…`);
  const { runMigrations } = await import("@/lib/migrations/run-migrations");
  await runMigrations(DATABASE_URL);
  const seed = spawnSync("npx", ["tsx", "scripts/seed-large.ts", "--events", values.events!, "--db", DATABASE_URL, "--days", "90"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: process.env,
  });
  if (seed.status !== 0) throw new Error("seeding failed");
  const accounts = await addDemoOwner();
  const seeded = performance.now();
  log(`seeded in ${secs(t0)} s; starting the server on port ${PORT}…`);

  server = spawn("node", ["scripts/start.mjs"], {
    stdio: "inherit",
    detached: true, // its own process group: we forward signals to npx, tsx and the server at once
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      PURSER_BOOTSTRAP_EMAIL: EMAIL,
      PURSER_BOOTSTRAP_PASSWORD: PASSWORD,
      PURSER_BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN,
      PURSER_BOOTSTRAP_GATEWAY_TOKEN: GATEWAY_TOKEN,
    },
  });
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`demo: the server exited unexpectedly (code ${code})`);
      process.exit(1);
    }
  });
  await waitForServer();
  log(`server ready in ${secs(seeded)} s (total ${secs(t0)} s)`);

  const fleet = await setUpFleet();
  console.log(
    [
      "",
      "──────────────────────────────────────────────────────────────────────",
      ` Purser demo is running: ${BASE}/sign-in`,
      `   owner    ${EMAIL} / ${PASSWORD}`,
      ...Object.entries(accounts).map(([role, email]) => `   ${role.padEnd(8)} ${email} / ${PASSWORD}`),
      `   admin API token (demo only): ${ADMIN_TOKEN}`,
      ` Watch: ${BASE}/ (overview), ${BASE}/alerts, ${BASE}/budgets?q=research-agent-nightly`,
      ` The agent "${fleet.runaway.name}" goes runaway in ~15 s; its $${RUNAWAY_LIMIT_USD} hard daily budget stops it.`,
      duration ? ` Stops by itself after ${duration} s (Ctrl-C to stop earlier).` : " Ctrl-C stops the demo and the server.",
      "──────────────────────────────────────────────────────────────────────",
      "",
    ].join("\n"),
  );
  await runFleet(fleet);
}

/** The bootstrap owner joins the seeded org (bootstrap then finds it by email and attaches the tokens to it). */
async function addDemoOwner(): Promise<Record<string, string>> {
  const { createDb } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/passwords");
  const db = createDb(DATABASE_URL);
  const org = await db.organization.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
  await db.user.create({ data: { orgId: org.id, email: EMAIL, name: "Demo Owner", role: "owner", passwordHash: await hashPassword(PASSWORD) } });
  const accounts: Record<string, string> = {};
  for (const role of ["finance", "lead", "member"] as const) {
    const u = await db.user.findFirst({ where: { orgId: org.id, role }, orderBy: { email: "asc" }, select: { email: true } });
    if (u) accounts[role] = u.email;
  }
  await db.$disconnect();
  return accounts;
}

async function waitForServer() {
  const deadline = Date.now() + 6 * 60_000; // a first run builds the app first
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BASE}/api/v1/org`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`the server did not answer on ${BASE} within 6 minutes`);
}

async function admin<T>(method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} /api/v1${route}: ${res.status} ${JSON.stringify(json)}`);
  return json as T;
}

type LiveKey = { id: string; name: string; secret: string; models: string[]; features: string[] };
type Fleet = { keys: LiveKey[]; runaway: LiveKey };

/** Live keys through the admin API (the seeded keys' secrets exist only as hashes). */
async function setUpFleet(): Promise<Fleet> {
  const teams = (await admin<{ items: { id: string; name: string }[] }>("GET", "/teams?limit=100")).items;
  const team = (name: string) => teams.find((t) => t.name === name) ?? teams[0];
  const make = async (name: string, teamName: string, models: string[], features: string[]): Promise<LiveKey> => {
    const k = await admin<{ id: string; key: string }>("POST", "/keys", { name, teamId: team(teamName).id });
    return { id: k.id, name, secret: k.key, models, features };
  };
  const keys = [
    await make("search-prod-gateway", "Search", ["gpt-5.4-mini", "gemini-2.5-flash", "gpt-5.4"], ["retrieval", "rerank"]),
    await make("support-bot-gateway", "Support", ["claude-haiku-4-5", "claude-sonnet-4-6"], ["support-bot", "summarize"]),
    await make("platform-ci-gateway", "Platform", ["claude-sonnet-4-6", "gpt-5.4"], ["code-review", "ci-assist"]),
    await make("growth-copy-gateway", "Growth", ["gpt-5.4-mini", "deepseek-chat"], ["copywriting"]),
  ];
  const runaway = await make("research-agent-nightly", "Data Science", ["claude-opus-4-8"], ["eval"]);
  await admin("POST", "/budgets", {
    scope: { level: "key", id: runaway.id },
    name: "Research agent daily cap",
    limitUsd: RUNAWAY_LIMIT_USD,
    enforcement: "hard",
    period: "daily",
    alertThresholds: [80, 100],
    confirmOversubscribe: true,
  });
  log(`created ${keys.length + 1} live keys and a hard $${RUNAWAY_LIMIT_USD}/day budget on "${runaway.name}" (secrets kept in memory only)`);
  await sleep(1500); // the engine reloads policy within a second
  return { keys, runaway };
}

const stats = { allowed: 0, denied: 0, rateLimited: 0, errors: 0, spentUsd: 0 };

async function gateway(path: "/api/authorize" | "/api/usage", body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${BASE}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${GATEWAY_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

const rand = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
const pickOne = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

/** One model call as a gateway makes it: authorize, run (simulated), report the real usage. */
async function call(key: LiveKey, model: string, inputTokens: number, maxOutputTokens: number, latencyMs: number, tags: Record<string, string>) {
  const requestId = randomUUID();
  const auth = await gateway("/api/authorize", { apiKey: key.secret, requestId, model, inputTokens, maxOutputTokens, tags });
  if (auth.status !== 200) {
    if (auth.status === 402) stats.denied++;
    else if (auth.status === 429) stats.rateLimited++;
    else stats.errors++;
    return auth;
  }
  stats.allowed++;
  await sleep(latencyMs);
  const ok = Math.random() > 0.02;
  const usage = await gateway("/api/usage", {
    requestId,
    reservationId: auth.json.reservationId,
    apiKey: key.secret,
    model,
    inputTokens,
    outputTokens: ok ? rand(Math.floor(maxOutputTokens * 0.2), maxOutputTokens) : 0,
    cachedInputTokens: Math.random() < 0.3 ? Math.floor(inputTokens * 0.6) : 0,
    status: ok ? "ok" : "error",
    latencyMs,
    tags,
  });
  if (usage.status === 200) stats.spentUsd += usage.json.costUsd ?? 0;
  else stats.errors++;
  return auth;
}

async function normalGateway(id: number, keys: LiveKey[], running: () => boolean) {
  while (running()) {
    const key = pickOne(keys);
    await call(key, pickOne(key.models), rand(300, 6000), rand(200, 1500), rand(150, 1800), { feature: pickOne(key.features), env: "prod", gateway: `gw-${id}` })
      .catch(() => stats.errors++);
    await sleep(rand(100, 700));
  }
}

/**
 * An agent loop whose context grows every step, firing as fast as it is allowed. Denied, it trims its
 * context and retries (as agents do), so it spends right up to the hard limit and never past it.
 */
async function runawayAgent(key: LiveKey, running: () => boolean) {
  await sleep(15_000);
  if (!running()) return;
  log(`"${key.name}" started an agent loop on ${key.models[0]} (its context grows every step)…`);
  let context = 8_000;
  let denied = 0;
  const worker = async () => {
    while (running()) {
      const trimmed = context <= 2_000;
      context = trimmed ? 2_000 : Math.min(context + 2_500, 150_000);
      const auth = await call(key, key.models[0], context, trimmed ? 1_000 : 4_000, rand(200, 600), { feature: "eval", env: "batch", agent: "research-loop" }).catch(() => null);
      if (auth?.status === 402) {
        if (denied++ === 0) {
          const d = auth.json?.denial ?? {};
          log(`STOPPED: "${key.name}" denied with HTTP 402 ${d.code} by the ${d.level} budget "${d.budgetName}" ` +
            `(used $${d.usedUsd} of $${d.limitUsd}; resets ${d.resetAt}). It keeps retrying with less context and keeps being denied.`);
        }
        context = Math.floor(context / 2);
        await sleep(context <= 2_000 ? 5_000 : 1_000);
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

async function runFleet(fleet: Fleet) {
  const started = Date.now();
  const running = () => !stopping && (duration === null || Date.now() - started < duration * 1000);
  const report = setInterval(() => {
    log(`${stats.allowed} allowed, ${stats.denied} denied by budgets, ${stats.rateLimited} rate-limited, ${stats.errors} errors; live spend $${stats.spentUsd.toFixed(2)}`);
  }, 10_000);
  await Promise.all([
    ...[1, 2, 3].map((i) => normalGateway(i, fleet.keys, running)),
    runawayAgent(fleet.runaway, running),
  ]);
  clearInterval(report);
  await shutdown(0);
}

let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = stopping = true;
  const pid = server?.pid;
  if (pid) {
    log("stopping the server…");
    const alive = () => {
      try {
        process.kill(-pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      process.kill(-pid, "SIGTERM"); // the whole group: npx, tsx and the server, which drains pending settles
    } catch {
      // already gone
    }
    const deadline = Date.now() + 10_000;
    while (alive() && Date.now() < deadline) await sleep(100);
    if (alive()) process.kill(-pid, "SIGKILL");
  }
  log(`done: ${stats.allowed} allowed, ${stats.denied} denied, live spend $${stats.spentUsd.toFixed(2)}. The database stays in ${path.relative(process.cwd(), DB_FILE)}.`);
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(0));

main().catch(async (e) => {
  console.error("demo: failed:", e instanceof Error ? e.message : e);
  await shutdown(1);
});
