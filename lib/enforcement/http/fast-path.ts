// The production fast path: POST /api/authorize and /api/usage answered straight from node:http,
// without Next's per-request machinery (DESIGN §4). lib/server/main.ts calls it first.
import type http from "node:http";
import { handleAuthorize, handleUsage } from "./handlers";
import { serialize, type HandlerResult } from "./respond";
import { shutdownEngine } from "../engine";

/** Batches of 1000 usage items with tags fit easily; anything larger is refused before parsing. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

function send(res: http.ServerResponse, r: HandlerResult): void {
  const body = serialize(r.body);
  const headers: Record<string, string | number> = { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" };
  if (r.headers) for (const k in r.headers) headers[k] = r.headers[k];
  res.writeHead(r.status, headers);
  res.end(body);
}

function tooLarge(res: http.ServerResponse): void {
  send(res, { status: 413, body: { error: { code: "invalid_request", message: `(body): larger than ${MAX_BODY_BYTES} bytes`, issues: [{ path: "(body)", message: "too large" }] } } });
}

/** Handles the two enforcement endpoints; returns false for every other request. */
export function handleFastPath(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const handler = path === "/api/authorize" ? handleAuthorize : path === "/api/usage" ? handleUsage : null;
  if (!handler) return false;
  if (req.method !== "POST") {
    send(res, { status: 405, headers: { Allow: "POST" }, body: { error: { code: "method_not_allowed", message: "use POST" } } });
    return true;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let aborted = false;
  req.on("data", (c: Buffer) => {
    if (aborted) return;
    size += c.length;
    if (size > MAX_BODY_BYTES) {
      aborted = true;
      tooLarge(res);
      req.resume();
      return;
    }
    chunks.push(c);
  });
  // A client that goes away mid-body must not take the process down with an unhandled 'error'.
  req.on("error", () => {
    aborted = true;
  });
  req.on("end", () => {
    if (aborted) return;
    const raw = chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8");
    handler(req.headers.authorization, raw).then(
      (r) => send(res, r),
      () => send(res, { status: 503, body: { error: { code: "enforcement_unavailable", message: "enforcement is not available" } } }),
    );
  });
  return true;
}

/** Commits every accepted settle and closes the engine (graceful shutdown). */
export function shutdownEnforcement(): Promise<void> {
  return shutdownEngine();
}
