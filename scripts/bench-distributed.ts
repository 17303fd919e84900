// npm run bench:distributed — authorize+settle pairs/s and p99 of the distributed mode (2 replicas,
// PostgreSQL, Redis; 50 connections split over the replicas as a load balancer would), in the same run
// as the embedded mode (1 process, SQLite) and the Redis server's own limit for the ledger's Lua
// scripts (a direct EVALSHA loop). A benchmark, not a test: the machine is shared, read the ratios.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

type Fx = { apiKey: string; gatewayToken: string };

/** CPU seconds (user + system) a process has used so far: on a loaded, shared machine the CPU cost per
 * request is the steadier figure (it does not count time the scheduler gave to other processes). */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
}

/** CPU seconds used so far by every process whose command name is `comm` (postgres backends, redis-server). */
function cpuOfCommand(comm: string): number {
  let total = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === comm) total += cpuSeconds(Number(pid));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** One counter for every run of this process: a warm-up's requestIds must not come back as duplicates. */
let n = 0;

function pairs(url: string, f: Fx, connections: number, duration: number): autocannon.Options {
  const headers = { authorization: `Bearer ${f.gatewayToken}`, "content-type": "application/json" };
  return {
    url,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        path: "/api/authorize",
        headers,
        setupRequest: (req, ctx) => {
          const c = ctx as Record<string, unknown>;
          c.rid = `bd-${process.pid}-${url}-${n++}`;
          return { ...req, body: JSON.stringify({ apiKey: f.apiKey, requestId: c.rid, model: "gpt-4o", inputTokens: 1200, maxOutputTokens: 800 }) };
        },
        onResponse: (_status, body, ctx) => {
          (ctx as Record<string, unknown>).res = (JSON.parse(body) as { reservationId?: string }).reservationId;
        },
      },
      {
        method: "POST",
        path: "/api/usage",
        headers,
        setupRequest: (req, ctx) => {
          const c = ctx as Record<string, unknown>;
          return { ...req, body: JSON.stringify({ requestId: c.rid, reservationId: c.res, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, outputTokens: 350 }) };
        },
      },
    ],
  };
}

const BUDGETS = [
  { level: "key" as const, limitUsd: 100_000 },
  { level: "user" as const, limitUsd: 200_000 },
  { level: "team" as const, limitUsd: 500_000 },
  { level: "org" as const, limitUsd: 1_000_000, period: "monthly" as const },
];

async function seed(url: string): Promise<Fx & { orgId: string }> {
  process.env.DATABASE_URL = url; // lib/db follows DATABASE_URL
  const { runMigrations } = await import("@/lib/migrations/run-migrations");
  const { createEnforcementFixture } = await import("@/lib/enforcement/testing/fixtures");
  await runMigrations(url);
  // BENCH_RATE_LIMITS=1: the key also has RPM and TPM limits (too high to bind), so every authorize
  // checks and counts them and every settle corrects TPM.
  const limits = process.env.BENCH_RATE_LIMITS ? { rpmLimit: 1_000_000_000, tpmLimit: 2_000_000_000 } : {};
  return createEnforcementFixture({ budgets: BUDGETS, ...limits });
}

/** The Redis server's own limit: authorize + settle scripts straight from one client, many in flight. */
async function evalshaLoop(prefix: string, seconds: number) {
  const { createRedisClient, waitReady } = await import("@/lib/enforcement/redis/redis-client");
  const { RedisLedger } = await import("@/lib/enforcement/redis/redis-ledger");
  const { RedisKeys } = await import("@/lib/enforcement/redis/keys");
  const redis = createRedisClient(REDIS_URL, { commandTimeoutMs: 5000 });
  await waitReady(redis);
  const source = { snapshot: async () => ({ totals: [0n, 0n, 0n, 0n], recorded: async () => new Set<string>(), close: async () => undefined }) };
  const ledger = new RedisLedger({ redis, source, keys: new RedisKeys(prefix) });
  const start = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
  const refs = BUDGETS.map((b, i) => ({
    budget: { orgId: "bench-org", id: `bench-b${i}`, name: `b${i}`, level: b.level, limitMicros: 10n ** 15n, enforcement: "hard" as const, shadow: false, period: "daily" as const, filterModel: null, filterProvider: null, filterTagKey: null, filterTagValue: null, alertThresholds: [80, 100], alertCooldownMinutes: 60 },
    windowStart: start,
    windowEnd: new Date(start.getTime() + 86_400_000),
  }));
  const cpu = async () => {
    const info = await redis.info("cpu");
    return ["used_cpu_sys", "used_cpu_user"].reduce((s, k) => s + Number(new RegExp(`${k}:([\\d.]+)`).exec(info)![1]), 0);
  };
  let done = 0;
  let seq = 0;
  const until = Date.now() + seconds * 1000;
  const c0 = await cpu();
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (Date.now() < until) {
        const id = `e${seq++}`;
        await ledger.authorize(id, refs, 26_000n, Date.now() + 60_000, { orgId: "bench-org" });
        await ledger.settle(`q${id}`, id, refs, 6_500n);
        done++;
      }
    }),
  );
  const secs = (Date.now() - t0) / 1000;
  const redisCpu = (await cpu()) - c0;
  redis.disconnect();
  return { pairsPerSec: done / secs, redisCpuUsPerPair: (redisCpu / done) * 1e6 };
}

async function deletePrefix(prefix: string) {
  const { deleteKeysWithPrefix } = await import("@/lib/enforcement/redis/redis-client");
  await deleteKeysWithPrefix(REDIS_URL, prefix);
}

async function main() {
  const { startReplica } = await import("@/lib/enforcement/redis/spawn-replicas");
  const { createPgDatabase, dropPgDatabase } = await import("@/lib/testing/pg-admin");
  const prefix = `purser-bench:${randomUUID().slice(0, 8)}:`;
  const dir = mkdtempSync(path.join(os.tmpdir(), "purser-bench-dist-"));
  const sqliteUrl = `file:${path.join(dir, "bench.db")}`;
  const pg = await createPgDatabase("purser_bench");
  const load0 = os.loadavg()[0];
  try {
    // Embedded: one process, SQLite, counters in memory.
    const fe = await seed(sqliteUrl);
    const emb = await startReplica({ DATABASE_URL: sqliteUrl, REDIS_URL: "" });
    await run(pairs(emb.url, fe, CONNECTIONS, 2));
    const e0 = cpuSeconds(emb.child.pid!);
    const embedded = await run(pairs(emb.url, fe, CONNECTIONS, DURATION));
    const embCpuUs = ((cpuSeconds(emb.child.pid!) - e0) / embedded.requests.total) * 1e6;
    await emb.kill();

    // Distributed: two replicas on PostgreSQL + Redis, the connections split between them.
    const fd = await seed(pg.url);
    // BENCH_PROFILE_DIR=<dir>: the replicas write V8 CPU profiles there (node --cpu-prof) when stopped.
    const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    const env = { DATABASE_URL: pg.url, REDIS_URL, PURSER_REDIS_PREFIX: prefix };
    const replicas = [await startReplica(env, profile), await startReplica(env, profile)];
    await Promise.all(replicas.map((r) => run(pairs(r.url, fd, CONNECTIONS / 2, 2))));
    const d0 = replicas.map((r) => cpuSeconds(r.child.pid!));
    const [pg0, redis0, bench0] = [cpuOfCommand("postgres"), cpuOfCommand("redis-server"), cpuSeconds(process.pid)];
    const dist = await Promise.all(replicas.map((r) => run(pairs(r.url, fd, CONNECTIONS / 2, DURATION))));
    const distRequests = dist.reduce((s, r) => s + r.requests.total, 0);
    const distCpuUs = (replicas.reduce((s, r, i) => s + cpuSeconds(r.child.pid!) - d0[i], 0) / distRequests) * 1e6;
    // Where the 2 cores went: PostgreSQL, Redis and this process (autocannon) per request.
    const perReq = (s: number) => ((s / distRequests) * 1e6).toFixed(0);
    const others = `PostgreSQL ${perReq(cpuOfCommand("postgres") - pg0)} us/req, Redis ${perReq(cpuOfCommand("redis-server") - redis0)} us/req, load generator ${perReq(cpuSeconds(process.pid) - bench0)} us/req`;
    await Promise.all(replicas.map((r) => r.kill()));

    const lua = await evalshaLoop(prefix, Math.min(DURATION, 5));

    const embPairs = embedded.requests.average / 2;
    const distPairs = dist.reduce((s, r) => s + r.requests.average, 0) / 2;
    const distP99 = Math.max(...dist.map((r) => r.latency.p99));
    const non2xx = dist.reduce((s, r) => s + r.non2xx + r.errors, 0) + embedded.non2xx + embedded.errors;
    const redisLimit = 1e6 / lua.redisCpuUsPerPair;
    console.log(`\n${CONNECTIONS} connections, ${DURATION} s, load average ${load0.toFixed(1)} before and ${os.loadavg()[0].toFixed(1)} after the runs, on ${os.cpus().length} cores`);
    console.log(`embedded (1 process, SQLite):           ${embPairs.toFixed(0)} authorize+settle pairs/s  p99 ${embedded.latency.p99} ms  server CPU ${embCpuUs.toFixed(0)} us/req`);
    console.log(`distributed (2 replicas, PG + Redis):   ${distPairs.toFixed(0)} authorize+settle pairs/s  p99 ${distP99} ms  server CPU ${distCpuUs.toFixed(0)} us/req  (non-2xx/errors, both runs: ${non2xx})`);
    console.log(`   CPU of the rest of the distributed run: ${others}`);
    console.log(`Redis Lua (EVALSHA loop, 64 in flight): ${lua.pairsPerSec.toFixed(0)} authorize+settle script pairs/s; Redis CPU ${lua.redisCpuUsPerPair.toFixed(1)} us/pair -> server limit ~${redisLimit.toFixed(0)} pairs/s`);
    console.log(`distributed / embedded = ${(distPairs / embPairs).toFixed(2)}   distributed / Redis limit = ${(distPairs / redisLimit).toFixed(3)}`);
  } finally {
    await deletePrefix(prefix).catch(() => undefined);
    const { db } = await import("@/lib/db");
    await db.$disconnect().catch(() => undefined);
    await dropPgDatabase(pg.name).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
