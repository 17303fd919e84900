// Starts replicas (lib/enforcement/testing/serve.ts) and private redis-servers as child processes, for tests and the
// benchmark. Every child is killed by the returned stop functions (and on exit of this process).
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

// npm scripts and vitest run from the project root (tsx runs scripts as CommonJS: no import.meta).
const ROOT = process.cwd();
const children = new Set<ChildProcess>();
process.once("exit", () => children.forEach((c) => c.kill("SIGKILL")));

export type Replica = { url: string; port: number; child: ChildProcess; kill(signal?: NodeJS.Signals): Promise<void> };

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once("exit", () => r())));

/** `nodeArgs`: extra flags for node itself (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
export async function startReplica(env: Record<string, string>, nodeArgs: string[] = []): Promise<Replica> {
  const child = track(
    spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(ROOT, "lib/enforcement/testing/serve.ts")], {
      cwd: ROOT,
      // Replicas poll policy faster than the default: the propagation tests measure the fallback.
      env: { ...process.env, PORT: "0", NODE_ENV: "production", PURSER_POLL_MS: "250", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  let errors = "";
  child.stderr!.on("data", (d: Buffer) => (errors += d.toString()));
  if (process.env.DEBUG_REPLICA_STDERR) child.stderr!.pipe(process.stderr);
  const port = await new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`replica did not start: ${errors}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) {
        clearTimeout(t);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`replica exited ${code}: ${errors}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    kill: async (signal = "SIGTERM") => {
      child.kill(signal);
      await exited(child);
    },
  };
}

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

export type RedisServer = { url: string; port: number; stop(): Promise<void>; pause(): void; resume(): void };

/** A private redis-server (no persistence) on `port`, so a test can stop it without touching the shared one. */
export async function startRedisServer(port?: number): Promise<RedisServer> {
  const p = port ?? (await freePort());
  const child = track(spawn("redis-server", ["--port", String(p), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" }));
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((r) => {
      const s = net.connect(p, "127.0.0.1", () => (s.destroy(), r(true)));
      s.on("error", () => r(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    stop: async () => {
      child.kill("SIGKILL");
      await exited(child);
    },
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
  };
}
