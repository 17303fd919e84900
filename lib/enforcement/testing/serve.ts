// A process serving only the enforcement fast path (embedded mode) on DATABASE_URL, for the crash
// test and the benchmark. Prints "listening <port>" once the engine has loaded its policy.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleFastPath, shutdownEnforcement } from "../http/fast-path";
import { getEngine } from "../engine";

async function main() {
  const engine = getEngine();
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
