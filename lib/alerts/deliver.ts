// One delivery attempt: claim the row (so two workers never send it at once), sign the stored raw body
// with a fresh timestamp, POST it, and record the outcome with the next retry time.
import { db } from "@/lib/db";
import { MAX_ATTEMPTS, backoffMs, isRetryable, type BackoffOptions } from "./backoff";
import { SIGNATURE_HEADER, signBody } from "./signature";

export type DeliveryConfig = {
  timeoutMs?: number;
  backoff?: BackoffOptions;
  maxAttempts?: number;
  /** How long a claimed attempt holds the row before another worker may retry it (crash safety). */
  leaseMs?: number;
};

export type AttemptOutcome = { id: string; claimed: boolean; status?: "pending" | "delivered" | "failed"; code?: number | null; error?: string | null };

const USER_AGENT = "Purser-Webhooks/1";

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number) {
  try {
    const res = await fetch(url, { method: "POST", body, headers, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    // Drain a little of the body so the connection can be reused; its content is not kept.
    await res.text().catch(() => "");
    return { code: res.status, error: res.ok ? null : `HTTP ${res.status}` };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const reason = err.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : (err.cause?.code ?? err.message);
    return { code: null, error: String(reason).slice(0, 300) };
  }
}

export async function attemptDelivery(id: string, cfg: DeliveryConfig = {}, now = new Date()): Promise<AttemptOutcome> {
  const timeoutMs = cfg.timeoutMs ?? 10_000;
  const leaseMs = cfg.leaseMs ?? timeoutMs + 30_000;
  const maxAttempts = cfg.maxAttempts ?? MAX_ATTEMPTS;
  const claimed = await db.webhookDelivery.updateMany({
    where: { id, status: "pending", nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: new Date(now.getTime() + leaseMs) },
  });
  if (claimed.count !== 1) return { id, claimed: false };
  const row = await db.webhookDelivery.findFirst({
    where: { id },
    include: { webhook: { omit: { secret: false } } },
  });
  if (!row) return { id, claimed: false };
  // A disabled endpoint still gets tests: "send test" is how one checks it before enabling it.
  if (!row.webhook.enabled && row.event !== "test") {
    await db.webhookDelivery.update({ where: { id }, data: { status: "failed", lastError: "endpoint disabled" } });
    return { id, claimed: true, status: "failed", code: null, error: "endpoint disabled" };
  }
  const t = Math.floor(Date.now() / 1000);
  const { code, error } = await post(
    row.webhook.url,
    row.payload,
    {
      "Content-Type": "application/json",
      "User-Agent": USER_AGENT,
      [SIGNATURE_HEADER]: signBody(row.webhook.secret, row.payload, t),
      "Purser-Event": row.event,
      "Purser-Delivery": row.id,
    },
    timeoutMs,
  );
  const attempts = row.attempts + 1;
  const ok = code !== null && code >= 200 && code < 300;
  const giveUp = !ok && (attempts >= maxAttempts || !isRetryable(code));
  const status = ok ? "delivered" : giveUp ? "failed" : "pending";
  const finished = new Date();
  await db.webhookDelivery.update({
    where: { id },
    data: {
      attempts,
      status,
      lastStatusCode: code,
      lastError: ok ? null : error,
      deliveredAt: ok ? finished : null,
      nextAttemptAt: status === "pending" ? new Date(finished.getTime() + backoffMs(attempts, cfg.backoff)) : finished,
    },
  });
  return { id, claimed: true, status, code, error: ok ? null : error };
}
