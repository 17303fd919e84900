import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { signBody, verifySignature } from "./signature";
import { backoffMs, isRetryable } from "./backoff";

const secret = "whsec_test";
const body = JSON.stringify({ event: "alert.threshold", alert: { id: "a1" } });

describe("webhook signatures", () => {
  it("signs `${t}.${body}` with HMAC-SHA256 and verifies it", () => {
    const header = signBody(secret, body, 1_764_000_000);
    const expected = createHmac("sha256", secret).update(`1764000000.${body}`).digest("hex");
    expect(header).toBe(`t=1764000000,v1=${expected}`);
    expect(verifySignature(secret, body, header, 1_764_000_010)).toEqual({ ok: true, timestamp: 1_764_000_000 });
  });

  it("rejects a changed body, a wrong secret, a replay past the tolerance and junk", () => {
    const header = signBody(secret, body, 1_764_000_000);
    expect(verifySignature(secret, `${body} `, header, 1_764_000_000)).toMatchObject({ ok: false, reason: "mismatch" });
    expect(verifySignature("whsec_other", body, header, 1_764_000_000)).toMatchObject({ ok: false, reason: "mismatch" });
    expect(verifySignature(secret, body, header, 1_764_000_000 + 301)).toMatchObject({ ok: false, reason: "expired" });
    expect(verifySignature(secret, body, "t=1,v1=zz", 1)).toMatchObject({ ok: false, reason: "malformed" });
    expect(verifySignature(secret, body, null)).toMatchObject({ ok: false, reason: "malformed" });
  });
});

describe("backoff", () => {
  it("doubles from the base up to the cap (without jitter)", () => {
    const o = { baseMs: 1000, maxMs: 5000, jitter: 0 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, o))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it("keeps jitter within its share", () => {
    expect(backoffMs(1, { baseMs: 1000, jitter: 0.1 }, () => 0)).toBe(900);
    expect(backoffMs(1, { baseMs: 1000, jitter: 0.1 }, () => 1)).toBe(1100);
  });

  it("retries network errors, 408, 429 and 5xx; not other 4xx", () => {
    expect([null, 408, 429, 500, 503].every(isRetryable)).toBe(true);
    expect([400, 401, 404, 410].some(isRetryable)).toBe(false);
  });
});
