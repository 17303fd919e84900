// Hand-written acceptance of the common, valid request shapes, measured much cheaper than a zod
// parse on the hot path. It only ever ACCEPTS: anything unusual (unknown keys, messages, odd
// values) returns null and goes through the zod schemas, which stay the single source of errors.
// A property test checks that whatever this accepts, zod accepts with the same result.
import type { AuthorizeBody, UsageItem } from "./schemas";

const MAX_TOKENS = 100_000_000;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const str = (v: unknown, min: number, max: number): v is string => typeof v === "string" && v.length >= min && v.length <= max;
// zod trims names; only already-trimmed names are accepted here, so no transformation is skipped.
const name = (v: unknown): v is string => str(v, 1, 200) && v.trim() === v;
const int = (v: unknown, min: number, max: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

function tags(v: unknown): v is Record<string, string> {
  if (!isObj(v)) return false;
  let n = 0;
  for (const k in v) {
    if (++n > 20 || k.length < 1 || k.length > 64 || k === "__proto__" || !str(v[k], 0, 256)) return false;
  }
  return true;
}

const AUTHORIZE_KEYS = new Set(["apiKey", "requestId", "model", "provider", "inputTokens", "maxOutputTokens", "tags"]);

export function fastAuthorize(v: unknown): AuthorizeBody | null {
  if (!isObj(v)) return null;
  for (const k in v) if (!AUTHORIZE_KEYS.has(k)) return null;
  const { apiKey, requestId, model, provider, inputTokens, maxOutputTokens } = v;
  if (!str(apiKey, 1, 512) || !name(model) || !int(inputTokens, 0, MAX_TOKENS)) return null;
  if (requestId !== undefined && !str(requestId, 1, 128)) return null;
  if (provider !== undefined && !name(provider)) return null;
  if (maxOutputTokens !== undefined && !int(maxOutputTokens, 1, MAX_TOKENS)) return null;
  if (v.tags !== undefined && !tags(v.tags)) return null;
  const out: AuthorizeBody = { apiKey, model, inputTokens };
  if (requestId !== undefined) out.requestId = requestId;
  if (provider !== undefined) out.provider = provider;
  if (maxOutputTokens !== undefined) out.maxOutputTokens = maxOutputTokens;
  if (v.tags !== undefined) out.tags = v.tags as Record<string, string>;
  return out;
}

const USAGE_KEYS = new Set([
  "requestId", "reservationId", "apiKey", "model", "provider", "inputTokens", "outputTokens",
  "cachedInputTokens", "cacheWriteTokens", "status", "latencyMs", "tags",
]);
const STATUSES = new Set(["ok", "error", "cancelled"]);
const tok = (v: unknown) => v === undefined || int(v, 0, MAX_TOKENS);

export function fastUsageItem(v: unknown): UsageItem | null {
  if (!isObj(v)) return null;
  for (const k in v) if (!USAGE_KEYS.has(k)) return null;
  const { requestId, reservationId, apiKey, model, provider, status, latencyMs } = v;
  if (!str(requestId, 1, 128) || !name(model)) return null;
  if (reservationId !== undefined && !str(reservationId, 1, 128)) return null;
  if (apiKey !== undefined && !str(apiKey, 1, 512)) return null;
  if (provider !== undefined && !name(provider)) return null;
  if (!tok(v.inputTokens) || !tok(v.outputTokens) || !tok(v.cachedInputTokens) || !tok(v.cacheWriteTokens)) return null;
  if (status !== undefined && !(typeof status === "string" && STATUSES.has(status))) return null;
  if (latencyMs !== undefined && !int(latencyMs, 0, 86_400_000)) return null;
  if (v.tags !== undefined && !tags(v.tags)) return null;
  const out: UsageItem = {
    requestId,
    model,
    inputTokens: (v.inputTokens as number | undefined) ?? 0,
    outputTokens: (v.outputTokens as number | undefined) ?? 0,
    cachedInputTokens: (v.cachedInputTokens as number | undefined) ?? 0,
    cacheWriteTokens: (v.cacheWriteTokens as number | undefined) ?? 0,
    status: (status as UsageItem["status"] | undefined) ?? "ok",
  };
  if (reservationId !== undefined) out.reservationId = reservationId;
  if (apiKey !== undefined) out.apiKey = apiKey;
  if (provider !== undefined) out.provider = provider;
  if (latencyMs !== undefined) out.latencyMs = latencyMs;
  if (v.tags !== undefined) out.tags = v.tags as Record<string, string>;
  return out;
}
