// Framework-free handlers of POST /api/authorize and POST /api/usage: gateway token, JSON, zod, engine.
// Both the fast path and the Next route handlers call exactly these.
import { getEngine, type Engine } from "../engine";
import { authorize } from "../authorize";
import { settle } from "../settle";
import type { OrgPolicy } from "../policy";
import { authorizeSchema, issuesOf, usageBatchSchema, usageItemSchema } from "./schemas";
import { errorResult, invalid, type HandlerResult } from "./respond";
import { fastAuthorize, fastUsageItem } from "./fast-validate";

const unavailable = () => errorResult(503, "enforcement_unavailable", "enforcement is not available; retry shortly");

async function gatewayOrg(engine: Engine, authHeader: string | null | undefined): Promise<OrgPolicy | HandlerResult> {
  const now = Date.now();
  await engine.ready;
  if (engine.failed) return unavailable();
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authHeader ?? "");
  if (!m) return errorResult(401, "invalid_gateway_token", "Authorization: Bearer <gateway token> is required");
  let org = engine.gateway(m[1]);
  if (org === null) {
    await engine.refreshAfter(now); // a token created a moment ago
    org = engine.gateway(m[1]);
  }
  if (org === null || org === "revoked") return errorResult(401, "invalid_gateway_token", org === "revoked" ? "gateway token was revoked" : "unknown gateway token");
  return org;
}

function parseJson(raw: string): { ok: true; value: unknown } | { ok: false; result: HandlerResult } {
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, result: invalid([{ path: "(body)", message: "body is not valid JSON" }]) };
  }
}

async function guarded(fn: () => Promise<HandlerResult>): Promise<HandlerResult> {
  try {
    return await fn();
  } catch (e) {
    // Never a stack or a secret to the client; the message goes to the log without the body.
    console.error("purser: enforcement error:", e instanceof Error ? e.message : e);
    return unavailable();
  }
}

export function handleAuthorize(authHeader: string | null | undefined, rawBody: string, engine: Engine = getEngine()): Promise<HandlerResult> {
  return guarded(async () => {
    const org = await gatewayOrg(engine, authHeader);
    if ("status" in org) return org;
    const json = parseJson(rawBody);
    if (!json.ok) return json.result;
    const fast = fastAuthorize(json.value);
    if (fast) return authorize(engine, org, fast);
    const parsed = authorizeSchema.safeParse(json.value);
    if (!parsed.success) return invalid(issuesOf(parsed.error));
    return authorize(engine, org, parsed.data);
  });
}

export function handleUsage(authHeader: string | null | undefined, rawBody: string, engine: Engine = getEngine()): Promise<HandlerResult> {
  return guarded(async () => {
    const org = await gatewayOrg(engine, authHeader);
    if ("status" in org) return org;
    const json = parseJson(rawBody);
    if (!json.ok) return json.result;
    const single = fastUsageItem(json.value);
    if (single) return settle(engine, org, single);
    // Parse by the shape the client sent: a union's issues would not name the bad field.
    const parsed = (Array.isArray(json.value) ? usageBatchSchema : usageItemSchema).safeParse(json.value);
    if (!parsed.success) return invalid(issuesOf(parsed.error));
    if (!Array.isArray(parsed.data)) return settle(engine, org, parsed.data);
    // A batch settles concurrently, so all of it lands in the same group commit.
    const items = parsed.data;
    const results = await Promise.all(items.map((item) => settle(engine, org, item)));
    return {
      status: 200,
      body: { results: results.map((r, i) => (r.status === 200 ? r.body : { requestId: items[i].requestId, status: r.status, ...(r.body as object) })) },
    };
  });
}
