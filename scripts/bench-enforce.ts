// npm run bench:enforce — authorize+settle pairs/s and latency of the enforcement fast path (embedded
// mode, SQLite, group commit) against a bare node:http JSON echo in the same run; the same server
// without rollup maintenance (what the analytics cost settle); then in-process decisions/s. A benchmark, not a test: these machines are shared, so read the ratio.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

function start(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}`)));
  });
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** CPU seconds of the main thread only (tid = pid): the rest is the SQLite writer thread, GC, libuv. */
function mainThreadCpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "purser-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  process.env.DATABASE_URL = url;
  const { runMigrations } = await import("@/lib/migrations/run-migrations");
  const { createEnforcementFixture } = await import("@/lib/enforcement/testing/fixtures");
  await runMigrations(url);
  // A realistic key: budgets at all four levels of its chain, RPM/TPM set (high enough not to bind).
  const f = await createEnforcementFixture({
    budgets: [
      { level: "key", limitUsd: 100_000 },
      { level: "user", limitUsd: 200_000 },
      { level: "team", limitUsd: 500_000, enforcement: "soft" },
      { level: "org", limitUsd: 1_000_000, period: "monthly" },
    ],
    rpmLimit: 100_000_000,
    tpmLimit: 2_000_000_000,
    analyticsTagKeys: ["feature"],
  });

  const echo = await start(process.execPath, ["scripts/bench-echo-server.mjs"], {} as NodeJS.ProcessEnv);
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const enforce = await start(process.execPath, [...profile, "--import", "tsx", "lib/enforcement/testing/serve.ts"], { DATABASE_URL: url, NODE_ENV: "production" });
  const auth = { authorization: `Bearer ${f.gatewayToken}`, "content-type": "application/json" };
  const authorizeBody = (rid: string) => JSON.stringify({ apiKey: f.apiKey, requestId: rid, model: "gpt-4o", inputTokens: 1200, maxOutputTokens: 800, tags: { feature: "bench" } });
  const usageBody = (rid: string) => JSON.stringify({ requestId: rid, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, outputTokens: 350, cachedInputTokens: 1000, latencyMs: 800, tags: { feature: "bench" } });
  let n = 0;
  const pairs = (port: number, p1: string, p2: string): autocannon.Options => ({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: "POST",
        path: p1,
        headers: auth,
        setupRequest: (req, ctx) => {
          const c = ctx as { rid?: string };
          c.rid = `bench-${process.pid}-${n++}`;
          return { ...req, body: authorizeBody(c.rid) };
        },
      },
      { method: "POST", path: p2, headers: auth, setupRequest: (req, ctx) => ({ ...req, body: usageBody((ctx as { rid: string }).rid) }) },
    ],
  });

  // Warm-up (JIT, page cache), then the measured runs: baseline first, then enforcement.
  await run({ ...pairs(enforce.port, "/api/authorize", "/api/usage"), duration: 2 });
  // Server CPU per request as well as throughput: on a shared, loaded machine the CPU cost is the
  // steadier figure (it does not count time the scheduler gave to other processes).
  let c0 = cpuSeconds(echo.child.pid!);
  const bare = await run(pairs(echo.port, "/echo-a", "/echo-b"));
  const bareCpuUs = ((cpuSeconds(echo.child.pid!) - c0) / bare.requests.total) * 1e6;
  c0 = cpuSeconds(enforce.child.pid!);
  const m0 = mainThreadCpuSeconds(enforce.child.pid!);
  const enf = await run(pairs(enforce.port, "/api/authorize", "/api/usage"));
  const enfCpuUs = ((cpuSeconds(enforce.child.pid!) - c0) / enf.requests.total) * 1e6;
  const enfMainUs = ((mainThreadCpuSeconds(enforce.child.pid!) - m0) / enf.requests.total) * 1e6;
  echo.child.kill("SIGTERM");
  enforce.child.kill("SIGTERM");
  await new Promise((r) => enforce.child.once("exit", r));

  const { db } = await import("@/lib/db");
  const events = await db.usageEvent.count({ where: { orgId: f.orgId } });
  const non2xx = enf.non2xx;

  // A fresh enforcement server on the same database: warm-up, one measured run, stop.
  const measureServer = async (env: Record<string, string>) => {
    const server = await start(process.execPath, ["--import", "tsx", "lib/enforcement/testing/serve.ts"], { DATABASE_URL: url, NODE_ENV: "production", ...env } as NodeJS.ProcessEnv);
    await run({ ...pairs(server.port, "/api/authorize", "/api/usage"), duration: 2 });
    const cpu0 = cpuSeconds(server.child.pid!);
    const result = await run(pairs(server.port, "/api/authorize", "/api/usage"));
    const cpuUs = ((cpuSeconds(server.child.pid!) - cpu0) / result.requests.total) * 1e6;
    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
    return { result, cpuUs };
  };
  // The same server without rollup maintenance (hourly, daily and tag rollups): what keeping the
  // analytics current costs settle. Then with rollups once more, so that drift of a shared machine
  // brackets the run without them.
  const { result: noRollups, cpuUs: noRollupsCpuUs } = await measureServer({ PURSER_BENCH_SKIP_ROLLUPS: "1" });
  const { result: enf2, cpuUs: enf2CpuUs } = await measureServer({});
  const withPairs = (enf.requests.average + enf2.requests.average) / 4;
  const withCpuUs = (enfCpuUs + enf2CpuUs) / 2;

  // In-process: the decision engine's own throughput (authorize without HTTP), same key and budgets.
  const { Engine } = await import("@/lib/enforcement/engine");
  const { authorize } = await import("@/lib/enforcement/authorize");
  const engine = new Engine({ url });
  await engine.ready;
  const org = engine.orgs.get(f.orgId)!;
  const N = 200_000;
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) await authorize(engine, org, { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1200, maxOutputTokens: 800, tags: { feature: "bench" } });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  await engine.stop();

  const r = enf.requests.average / bare.requests.average;
  const load = (await import("node:os")).loadavg()[0];
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, load average ${load.toFixed(1)} on ${os.cpus().length} cores`);
  console.log(`bare echo:   ${bare.requests.average.toFixed(0)} req/s  p50 ${bare.latency.p50} ms  p99 ${bare.latency.p99} ms  server CPU ${bareCpuUs.toFixed(0)} us/req`);
  console.log(`enforcement: ${enf.requests.average.toFixed(0)} req/s = ${(enf.requests.average / 2).toFixed(0)} authorize+settle pairs/s  p50 ${enf.latency.p50} ms  p99 ${enf.latency.p99} ms  server CPU ${enfCpuUs.toFixed(0)} us/req (main thread ${enfMainUs.toFixed(0)})  (non-2xx: ${non2xx}, errors: ${enf.errors}, events written: ${events})`);
  console.log(`enforce/bare = ${r.toFixed(2)}  (by server CPU per request: ${(bareCpuUs / enfCpuUs).toFixed(2)})`);
  console.log(`without rollups: ${(noRollups.requests.average / 2).toFixed(0)} pairs/s  p50 ${noRollups.latency.p50} ms  p99 ${noRollups.latency.p99} ms  server CPU ${noRollupsCpuUs.toFixed(0)} us/req  (non-2xx: ${noRollups.non2xx})`);
  console.log(`with rollups, again: ${(enf2.requests.average / 2).toFixed(0)} pairs/s  p50 ${enf2.latency.p50} ms  p99 ${enf2.latency.p99} ms  server CPU ${enf2CpuUs.toFixed(0)} us/req  (non-2xx: ${enf2.non2xx})`);
  console.log(`with/without rollups = ${(withPairs / (noRollups.requests.average / 2)).toFixed(2)} by pairs/s, ${(noRollupsCpuUs / withCpuUs).toFixed(2)} by server CPU per request (both runs with rollups averaged)`);
  console.log(`in-process: ${(N / secs).toFixed(0)} decisions/s (${(N / cpuSecs).toFixed(0)} per CPU-second)`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
