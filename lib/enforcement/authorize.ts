// authorize (DESIGN §4): authenticate the key, price the request, rate limits, then check-and-reserve
// across every applicable budget at once. The answer is a plain status + body.
import { randomBytes } from "node:crypto";
import { microsToUsd } from "@/lib/money";
import { appliesTo, decide, type BudgetState, type RequestAttrs } from "./decision";
import { estimateMicros, priceFor } from "./pricing";
import { countInputTokens } from "./tokens";
import { deniedAlert, softAlert } from "./alerts";
import { chainOf, type KeyPolicy, type OrgPolicy } from "./policy";
import type { Engine } from "./engine";
import type { AuthorizeResult, WindowRef } from "./ledger";
import type { AuthorizeBody } from "./http/schemas";
import { errorResult, type HandlerResult } from "./http/respond";
import type { LimitState, RateCheck } from "./rate-limit";
import { UNAVAILABLE_DENIAL, underFailMode } from "./redis/fail-mode";

/** Remembered authorize answers (by org + requestId), for repeated requestIds. */
const AUTHORIZED_MEMORY = 200_000;

const ID_PREFIX = randomBytes(6).toString("hex");
let seq = 0;
/** Unique ids without a syscall per request: a random per-process prefix plus a counter. */
export const newId = (kind: string) => `${kind}_${ID_PREFIX}${(seq++).toString(36)}`;

const isoCache = new WeakMap<Date, string>();
/** Window ends are shared Date objects (cached windows): format each once. */
export function iso(d: Date): string {
  let s = isoCache.get(d);
  if (s === undefined) isoCache.set(d, (s = d.toISOString()));
  return s;
}

export function budgetsView(states: BudgetState[]) {
  return states.map((s) => {
    const b = s.budget;
    const remaining = b.limitMicros - s.spent - s.reserved;
    return {
      level: b.level,
      budgetId: b.id,
      name: b.name,
      enforcement: b.enforcement,
      shadow: b.shadow,
      period: b.period,
      limitUsd: microsToUsd(b.limitMicros),
      usedUsd: microsToUsd(s.spent),
      reservedUsd: microsToUsd(s.reserved),
      remainingUsd: microsToUsd(remaining > 0n ? remaining : 0n),
      resetAt: iso(s.windowEnd),
    };
  });
}

const limitView = (l: LimitState | null) => l && { limit: l.limit, remaining: l.remaining, resetAt: l.resetAt.toISOString() };

function deny(status: number, requestId: string, denial: Record<string, unknown>, extra: Record<string, unknown> = {}, headers?: Record<string, string>): HandlerResult {
  return { status, headers, body: { decision: "deny", requestId, denial, ...extra } };
}

/** 401/403 for keys that cannot be used, or null when the key is usable. */
export function keyProblem(key: KeyPolicy | undefined, requestId: string, now: number): HandlerResult | null {
  if (!key) return deny(401, requestId, { code: "invalid_key", message: "unknown API key" });
  if (key.revokedAt) return deny(403, requestId, { code: "key_revoked", message: "API key was revoked" });
  if (key.expiresAt && key.expiresAt.getTime() <= now) return deny(403, requestId, { code: "key_expired", message: `API key expired at ${key.expiresAt.toISOString()}` });
  // DESIGN §8's codes have no separate "disabled": a disabled key is refused like a revoked one, said in the message.
  if (key.disabledAt) return deny(403, requestId, { code: "key_revoked", message: "API key (or its user) is disabled" });
  return null;
}

export async function authorize(engine: Engine, org: OrgPolicy, body: AuthorizeBody): Promise<HandlerResult> {
  const now = Date.now();
  const cacheKey = body.requestId ? `${org.id}\u0000${body.requestId}` : null;
  if (cacheKey) {
    const hit = engine.authorized.get(cacheKey);
    if (hit) return hit.response as HandlerResult;
  }
  const requestId = body.requestId ?? newId("req");
  let key = engine.key(org, body.apiKey);
  if (!key) {
    await engine.refreshAfter(now); // a key created a moment ago is not refused
    org = engine.orgs.get(org.id) ?? org;
    key = engine.key(org, body.apiKey);
  }
  const problem = keyProblem(key, requestId, now);
  if (problem || !key) return problem!;

  const priced = priceFor(org.prices, org.unpriced, body.model, body.provider, new Date(now));
  if (!priced.ok) {
    if (priced.code === "ambiguous_provider") return errorResult(400, "invalid_request", `provider: ${priced.message}`, [{ path: "provider", message: priced.message }]);
    return deny(402, requestId, { code: "unpriced_model", message: priced.message });
  }
  const price = priced.price;
  const inputTokens = body.inputTokens ?? countInputTokens(body.model, { messages: body.messages, prompt: body.prompt });
  // The model cannot produce more than its maximum, so that is also the most a request can cost.
  const outputTokens = Math.min(body.maxOutputTokens ?? price.maxOutputTokens, price.maxOutputTokens);
  const estimate = estimateMicros(price, inputTokens, outputTokens);
  const estimateView = { inputTokens, outputTokens, costUsd: microsToUsd(estimate) };

  const tokens = inputTokens + outputTokens;
  const attrs: RequestAttrs = { model: body.model, provider: body.provider ?? price.provider, tags: body.tags ?? {} };
  const refs: WindowRef[] = [];
  for (const b of chainOf(org, key)) {
    if (!appliesTo(b, attrs)) continue;
    const w = engine.windowOf(b, org.timezone, now);
    refs.push({ budget: b, windowStart: w.start, windowEnd: w.end });
  }
  const reservationId = body.requestId && engine.distributed ? engine.distributed.ledger.reservationIdFor(org.id, body.requestId) : newId("rsv");
  const meta = { orgId: org.id, keyId: key.id, requestId, estimate, estTokens: tokens, minute: Math.floor(now / 60_000), price };

  // Rate limits first, then the budgets; a rate-limited request holds nothing. Embedded: two checks in
  // memory. Distributed: ONE script checks both in that order and, when Redis is unreachable, the
  // org's fail mode decides (open: no rate limits, no holds).
  let rate: RateCheck;
  let held: AuthorizeResult | undefined;
  if (engine.distributed) {
    const ledger = engine.distributed.ledger;
    const limits = { keyId: key.id, rpmLimit: key.rpmLimit, tpmLimit: key.tpmLimit, tokens, nowMs: now };
    const open = () => ({ decision: decide([], estimate), states: [], rate: { ok: true as const, rpm: null, tpm: null, minute: meta.minute } });
    const r = await underFailMode(org.failMode, () => ledger.authorize(reservationId, refs, estimate, now + engine.reservationTtlMs, meta, limits), open);
    if (!r) return deny(503, requestId, UNAVAILABLE_DENIAL, { estimate: estimateView });
    rate = r.rate!; // always there: limits were passed
    held = r;
  } else {
    rate = engine.rates.check(key.id, key.rpmLimit, key.tpmLimit, tokens, now);
  }
  const rateView = { rpm: limitView(rate.rpm), tpm: limitView(rate.tpm) };
  if (!rate.ok) {
    // Not remembered by requestId: a retry after Retry-After must get a fresh decision.
    const limit = rate.which === "rpm" ? key.rpmLimit : key.tpmLimit;
    return deny(
      429,
      requestId,
      { code: "rate_limited", message: `${rate.which.toUpperCase()} limit of ${limit} reached for this key`, level: "key", limit: rate.which, retryAfterSeconds: rate.retryAfterSec },
      { estimate: estimateView, rateLimits: rateView },
      { "Retry-After": String(rate.retryAfterSec) },
    );
  }
  // Embedded: the budgets are checked (and held) only now that the rate limits passed.
  held ??= await engine.ledger.authorize(reservationId, refs, estimate, now + engine.reservationTtlMs, meta);
  const { decision } = held;
  engine.committer.touchKey(key.id, new Date(now));
  for (const s of decision.wouldDeny) engine.committer.addDelta({ budgetId: s.budget.id, windowStart: s.windowStart, denied: 0, wouldDeny: 1 });

  let result: HandlerResult;
  if (!decision.allow) {
    const s = decision.binding!;
    const b = s.budget;
    engine.committer.addDelta({ budgetId: b.id, windowStart: s.windowStart, denied: 1, wouldDeny: 0 });
    const alert = deniedAlert(org.id, s, key.id, org.timezone);
    if (engine.alerts.pass(alert.dedupeKey, now)) engine.committer.addAlert(alert);
    result = deny(
      402,
      requestId,
      {
        code: "budget_exceeded",
        message: `${b.level} budget "${b.name}" would be exceeded: $${microsToUsd(s.spent + s.reserved)} used or reserved of $${microsToUsd(b.limitMicros)}, this request needs up to $${microsToUsd(estimate)}`,
        level: b.level,
        budgetId: b.id,
        budgetName: b.name,
        limitUsd: microsToUsd(b.limitMicros),
        usedUsd: microsToUsd(s.spent),
        reservedUsd: microsToUsd(s.reserved),
        resetAt: iso(s.windowEnd),
      },
      // The counters the decision saw: a fresh snapshot could already include other requests' settles.
      { estimate: estimateView, budgets: budgetsView(held.states), rateLimits: rateView },
    );
  } else {
    // Distributed: the script already counted it (only when it held).
    if (!engine.distributed) engine.rates.consume(key.id, rate.minute, tokens);
    for (const s of decision.softExceeded) {
      const cooldown = s.budget.alertCooldownMinutes * 60_000;
      const gateKey = `soft:${s.budget.id}@${s.windowStart.getTime()}`;
      if (!engine.alerts.pass(gateKey, now, cooldown)) continue;
      // Distributed: the cooldown is shared, or every replica would raise its own alert per cooldown.
      // One Redis command, at most once per cooldown per replica (this replica's gate passed first).
      const shared = engine.distributed?.alerts;
      if (!shared || (await shared.pass(org.id, gateKey, cooldown))) engine.committer.addAlert(softAlert(org.id, s, key.id, now));
    }
    const warnings = decision.softExceeded.map((s) => {
      return {
        code: "soft_budget_exceeded",
        message: `${s.budget.level} budget "${s.budget.name}" is over its soft limit`,
        level: s.budget.level,
        budgetId: s.budget.id,
        budgetName: s.budget.name,
        limitUsd: microsToUsd(s.budget.limitMicros),
        usedUsd: microsToUsd(s.spent),
        resetAt: iso(s.windowEnd),
      };
    });
    result = {
      status: 200,
      body: {
        decision: "allow",
        requestId,
        reservationId,
        estimate: estimateView,
        warnings,
        budgets: budgetsView(engine.ledger.snapshot(refs)),
        rateLimits: rateView,
      },
    };
  }
  if (cacheKey) {
    engine.authorized.set(cacheKey, { at: now, response: result, reservationId: decision.allow ? reservationId : null });
    // Bounded memory: the oldest answers go first (a retry that late gets a fresh decision).
    if (engine.authorized.size > AUTHORIZED_MEMORY) engine.authorized.delete(engine.authorized.keys().next().value!);
  }
  return result;
}
