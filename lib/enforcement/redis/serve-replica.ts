// One replica serving only the enforcement fast path (the same handleFastPath that lib/server/main.ts
// puts in front of Next), for the multi-replica tests and the benchmark: no Next build needed.
// Env: DATABASE_URL (postgresql), REDIS_URL, PURSER_REDIS_PREFIX, PORT (0 = any),
// PURSER_RESERVATION_TTL_MS. Prints "listening <port>" once the engine has loaded its policy.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleFastPath, shutdownEnforcement } from "../http/fast-path";
import { Engine, setEngine } from "../engine";

async function main() {
  const ttl = process.env.PURSER_RESERVATION_TTL_MS;
  const engine = new Engine({ reservationTtlMs: ttl ? Number(ttl) : undefined, pollMs: 250 });
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
