// A process serving only the enforcement fast path (the same handleFastPath that lib/server/main.ts
// puts in front of Next), for the crash test, the multi-replica tests and the benchmarks: no Next
// build needed. Embedded or distributed by DATABASE_URL / REDIS_URL, like the real server.
// Env: PORT (0 = any), PURSER_POLL_MS, PURSER_RESERVATION_TTL_MS (engine defaults when unset).
// Prints "listening <port>" once the engine has loaded its policy.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleFastPath, shutdownEnforcement } from "../http/fast-path";
import { Engine, setEngine } from "../engine";

const numberEnv = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

async function main() {
  const engine = new Engine({ pollMs: numberEnv("PURSER_POLL_MS"), reservationTtlMs: numberEnv("PURSER_RESERVATION_TTL_MS") });
  setEngine(engine);
  await engine.ready;
  if (engine.failed) process.exit(2);
  const server = http.createServer((req, res) => {
    if (!handleFastPath(req, res)) res.writeHead(404).end();
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    console.log(`listening ${(server.address() as AddressInfo).port}`);
  });
  const stop = async () => {
    server.close();
    await shutdownEnforcement();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

void main();
