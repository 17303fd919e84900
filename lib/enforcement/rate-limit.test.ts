import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  const t0 = Date.parse("2026-11-28T12:00:10Z");
  it("allows rpm requests per minute, then denies with Retry-After to the next minute", () => {
    const rl = new RateLimiter();
    for (let i = 0; i < 3; i++) {
      const c = rl.check("k", 3, null, 0, t0);
      expect(c.ok).toBe(true);
      rl.consume("k", c.minute, 0);
    }
    const denied = rl.check("k", 3, null, 0, t0);
    expect(denied).toMatchObject({ ok: false, which: "rpm", retryAfterSec: 50 });
    expect(rl.check("k", 3, null, 0, t0 + 50_000).ok).toBe(true);
  });
  it("counts estimated tokens for TPM and corrects them at settle", () => {
    const rl = new RateLimiter();
    const c = rl.check("k", null, 1000, 900, t0);
    rl.consume("k", c.minute, 900);
    expect(rl.check("k", null, 1000, 200, t0)).toMatchObject({ ok: false, which: "tpm" });
    rl.correct("k", c.minute, 300 - 900); // the call used 300 tokens
    expect(rl.check("k", null, 1000, 200, t0)).toMatchObject({ ok: true, tpm: { remaining: 500 } });
  });
  it("no limits: always ok", () => {
    expect(new RateLimiter().check("k", null, null, 1e9, t0)).toMatchObject({ ok: true, rpm: null, tpm: null });
  });
});
