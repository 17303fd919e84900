// The production server: one process serving the dashboard (Next's request handler) and the
// enforcement endpoints through a fast path that skips Next's per-request machinery (DESIGN §4).
// Start-up order: secrets, migrations, bootstrap, Next, then listen.
import http from "node:http";
import next from "next";
import { prepare } from "@/lib/server/prepare";
import { handleFastPath, shutdownEnforcement } from "@/lib/enforcement/http/fast-path";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";

async function main() {
  (process.env as Record<string, string>).NODE_ENV ??= "production";
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  await prepare();

  const app = next({ dev: false, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    if (handleFastPath(req, res)) return;
    handle(req, res).catch((e: unknown) => {
      console.error("purser: request failed", e instanceof Error ? e.message : e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    console.log(`purser: listening on http://${hostname}:${port} (sign in at http://${hostname}:${port}/sign-in)`);
  });

  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`purser: ${signal}, draining`);
    server.close();
    // Settles already accepted are committed before the process exits.
    await shutdownEnforcement();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((e) => {
  console.error("purser: failed to start:", e instanceof Error ? e.message : e);
  process.exit(1);
});
