// settle (DESIGN §4): price the real tokens, write the usage event durably (group commit), then
// release the hold and add the real cost to every window. Idempotent by (org, requestId).
import { microsToUsd } from "@/lib/money";
import { appliesTo, type RequestAttrs } from "./decision";
import { actualMicros, priceFor } from "./pricing";
import { crossedThresholds, thresholdAlert } from "./alerts";
import { chainOf, type OrgPolicy } from "./policy";
import { keyProblem } from "./authorize";
import type { Engine } from "./engine";
import type { WindowRef } from "./ledger";
import type { UsageItem } from "./http/schemas";
import { errorResult, type HandlerResult } from "./http/respond";
import type { SettleRecord } from "./store/types";

export async function settle(engine: Engine, org: OrgPolicy, item: UsageItem): Promise<HandlerResult> {
  const k = `${org.id}\u0000${item.requestId}`;
  // A concurrent retry of the same requestId waits for the first and reports a duplicate.
  const inflight = engine.settling.get(k);
  if (inflight) {
    const first = (await inflight.catch(() => null)) as HandlerResult | null;
    if (first && first.status === 200) return { status: 200, body: { ...(first.body as object), duplicate: true } };
  }
  const p = settleOnce(engine, org, item);
  engine.settling.set(k, p);
  try {
    return await p;
  } finally {
    engine.settling.delete(k);
  }
}

async function settleOnce(engine: Engine, org: OrgPolicy, item: UsageItem): Promise<HandlerResult> {
  const now = Date.now();
  // Request ids are unique per org only: the ledger's idempotency key includes the org.
  const k = `${org.id}\u0000${item.requestId}`;
  const cached = engine.authorized.get(k);
  const reservationId = item.reservationId ?? cached?.reservationId ?? undefined;
  const reservation = reservationId ? engine.ledger.reservation(reservationId) : undefined;
  const res = reservation && reservation.meta.orgId === org.id ? reservation : undefined;
  // Made on another replica: Redis has its estimate and the TPM it charged.
  const remote = !res && reservationId && engine.distributed ? await engine.distributed.ledger.reservationDetails(org.id, reservationId) : undefined;

  const resKeyId = res?.meta.keyId ?? remote?.keyId;
  let key = item.apiKey ? engine.key(org, item.apiKey) : resKeyId ? org.keysById.get(resKeyId) : undefined;
  if (!key && item.apiKey) {
    await engine.refreshAfter(now);
    org = engine.orgs.get(org.id) ?? org;
    key = engine.key(org, item.apiKey);
  }
  if (!item.apiKey && !key) return errorResult(400, "invalid_request", "apiKey: required when there is no live reservation", [{ path: "apiKey", message: "required when there is no live reservation" }]);
  // A revoked or expired key's usage is still recorded: the money was spent. Only unknown keys fail.
  if (!key) return { ...keyProblem(undefined, item.requestId, now)!, body: { error: { code: "invalid_key", message: "unknown API key" } } };

  const priced = priceFor(org.prices, org.unpriced, item.model, item.provider ?? res?.meta.price.provider, new Date(now));
  // The price the reservation was made at still prices a model whose price row disappeared meanwhile.
  const price = priced.ok ? priced.price : res?.meta.price;
  if (!price) {
    const msg = priced.ok ? "" : priced.message;
    const field = !priced.ok && priced.code === "ambiguous_provider" ? "provider" : "model";
    return errorResult(400, priced.ok ? "invalid_request" : priced.code, `${field}: ${msg}`, [{ path: field, message: msg }]);
  }
  const actual = actualMicros(price, item);
  const attrs: RequestAttrs = { model: item.model, provider: item.provider ?? price.provider, tags: item.tags ?? {} };
  const refs: WindowRef[] = [];
  for (const b of chainOf(org, key)) {
    if (!appliesTo(b, attrs)) continue;
    const w = engine.windowOf(b, org.timezone, now);
    refs.push({ budget: b, windowStart: w.start, windowEnd: w.end });
  }
  const occurredAt = new Date(now);
  const bucketMinute = engine.bucketMinute(occurredAt, org.timezone);
  const localDay = engine.localDay(bucketMinute, org.timezone);
  const rec: SettleRecord = {
    orgId: org.id,
    requestId: item.requestId,
    reservationId: res?.id ?? item.reservationId ?? null,
    occurredAt,
    bucketMinute,
    localDay,
    teamId: key.teamId,
    userId: key.userId,
    apiKeyId: key.id,
    provider: attrs.provider,
    model: item.model,
    inputTokens: item.inputTokens,
    outputTokens: item.outputTokens,
    cachedInputTokens: item.cachedInputTokens,
    cacheWriteTokens: item.cacheWriteTokens,
    costMicros: actual,
    estimatedCostMicros: res?.meta.estimate ?? remote?.estimate ?? null,
    latencyMs: item.latencyMs ?? null,
    status: item.status,
    tags: item.tags ?? null,
    windows: refs.map((r) => ({ budgetId: r.budget.id, windowStart: r.windowStart })),
    tagRollups: engine.tagRollups(org, item.tags, localDay),
  };

  let inserted: boolean;
  try {
    inserted = await engine.committer.settle(rec);
  } catch {
    // Not written, so not acknowledged: the hold stays until the retry or its TTL.
    return errorResult(503, "enforcement_unavailable", "usage could not be recorded; retry with the same requestId");
  }
  if (!inserted) {
    if (res) engine.ledger.settle(k, res.id, [], 0n); // releases the hold, adds nothing
    const cost = await engine.store.eventCost(org.id, item.requestId);
    return { status: 200, body: { requestId: item.requestId, costUsd: microsToUsd(cost ?? actual), duplicate: true } };
  }
  const before = engine.ledger.snapshot(refs);
  // TPM counted the estimate at authorize: replace it by the real tokens (a key without TPM has nothing to correct).
  const charged = res ? res.meta : remote?.keyId === key.id ? remote : undefined;
  const tpmDelta = charged && key.tpmLimit !== null ? item.inputTokens + item.outputTokens - charged.estTokens : null;
  if (engine.distributed) {
    // One script releases the hold, counts the cost and corrects TPM. Redis keys are scoped to the org,
    // so the gateway's reservationId is safe to release there even when another replica made the
    // reservation; in memory only this org's own reservation may be released.
    const tpm = charged && tpmDelta !== null ? { orgId: org.id, keyId: key.id, minute: charged.minute, delta: tpmDelta } : undefined;
    await engine.distributed.ledger.settle(k, reservationId, refs, actual, tpm);
  } else {
    await engine.ledger.settle(k, res?.id, refs, actual);
    if (charged && tpmDelta !== null) engine.rates.correct(key.id, charged.minute, tpmDelta);
  }
  raiseThresholdAlerts(engine, org.id, key.id, engine.distributed?.ledger.takeBefore(k) ?? before, actual, now);
  return { status: 200, body: { requestId: item.requestId, costUsd: microsToUsd(actual), duplicate: false } };
}

function raiseThresholdAlerts(engine: Engine, orgId: string, keyId: string, before: ReturnType<Engine["ledger"]["snapshot"]>, actual: bigint, now: number) {
  if (actual <= 0n) return;
  for (const s of before) {
    const after = s.spent + actual;
    for (const t of crossedThresholds(s.budget.alertThresholds, s.budget.limitMicros, s.spent, after)) {
      const alert = thresholdAlert(orgId, s, t, after, keyId);
      if (engine.alerts.pass(alert.dedupeKey, now)) engine.committer.addAlert(alert);
    }
  }
}
