// Webhook signatures: HMAC-SHA256 over `${t}.${rawBody}` with the endpoint's secret, sent as
// `Purser-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is inside the signed text, so a captured
// delivery cannot be replayed later: receivers reject signatures older than their tolerance.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Purser-Signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signBody(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "mismatch" | "expired" };

/** What a receiver does (exported for tests and for customers' reference). */
export function verifySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): VerifyResult {
  if (!header) return { ok: false, reason: "malformed" };
  const parts = new Map(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1");
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return { ok: false, reason: "malformed" };
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, "hex"))) return { ok: false, reason: "mismatch" };
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: "expired" };
  return { ok: true, timestamp: t };
}
