// Bad input never causes a 5xx, and every 400 names the field it is about (fast-check).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { Engine, setEngine, shutdownEngine } from "./engine";
import { handleAuthorize, handleUsage } from "./http/handlers";
import { createEnforcementFixture, type Fixture } from "./testing/fixtures";
import { fastPathTarget, type Target } from "./testing/targets";

let f: Fixture;
let t: Target;
beforeAll(async () => {
  setEngine(new Engine({ url: process.env.DATABASE_URL, pollMs: 100 }));
  f = await createEnforcementFixture({ budgets: [{ level: "key", limitUsd: 5 }, { level: "org", limitUsd: 50, enforcement: "soft" }], rpmLimit: 1_000_000 });
  t = await fastPathTarget();
});
afterAll(async () => {
  await t.close();
  await shutdownEngine();
});

const weird = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(null, -1, 0, 1.5, 1e300, -0, "", " ", "x".repeat(300), [], {}, true, "__proto__", "constructor"),
  fc.integer(),
  fc.string({ unit: "binary", maxLength: 40 }),
);

function mutate(base: Record<string, unknown>, keys: string[]) {
  return fc.record({ key: fc.constantFrom(...keys, "__proto__", "extra"), value: weird, drop: fc.boolean() }).map(({ key, value, drop }) => {
    const copy: Record<string, unknown> = { ...base };
    if (drop) delete copy[key];
    else copy[key] = value;
    return copy;
  });
}

function check(r: { status: number; body: any }, input: unknown) {
  expect(r.status, JSON.stringify(input)?.slice(0, 300)).toBeLessThan(500);
  if (r.status === 400) {
    const { error } = r.body;
    expect(error.issues.length).toBeGreaterThan(0);
    for (const i of error.issues) expect(typeof i.path === "string" && i.path.length > 0).toBe(true);
    expect(error.message.startsWith(error.issues[0].path)).toBe(true);
  }
}

describe("fuzz", () => {
  it("authorize: mutated and random bodies", async () => {
    const valid = () => ({ apiKey: f.apiKey, model: "gpt-4o", inputTokens: 100, maxOutputTokens: 50, tags: { feature: "x" }, messages: [{ role: "user", content: "hi" }] });
    const bodies = fc.oneof(mutate(valid(), Object.keys(valid())), fc.json().map((s) => ({ raw: s })), weird.map((v) => ({ raw: JSON.stringify(v) ?? "" })));
    await fc.assert(
      fc.asyncProperty(bodies, async (b) => {
        const raw = "raw" in b && typeof b.raw === "string" ? b.raw : JSON.stringify(b);
        check(await handleAuthorize(`Bearer ${f.gatewayToken}`, raw), raw);
      }),
      { numRuns: 400 },
    );
  });

  it("usage: mutated single, batch and random bodies", async () => {
    let n = 0;
    const valid = () => ({ requestId: `fz-${n++}`, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, status: "ok", latencyMs: 10, tags: { a: "b" } });
    const single = mutate(valid(), Object.keys(valid()));
    const bodies = fc.oneof(single, fc.array(single, { maxLength: 5 }), fc.json().map((s) => ({ raw: s })));
    await fc.assert(
      fc.asyncProperty(bodies, async (b) => {
        const raw = !Array.isArray(b) && "raw" in b && typeof b.raw === "string" ? b.raw : JSON.stringify(b);
        check(await handleUsage(`Bearer ${f.gatewayToken}`, raw), raw);
      }),
      { numRuns: 400 },
    );
  });

  it("through the fast path too: no 5xx for random bytes and headers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 200 }), fc.option(fc.string({ maxLength: 60 })), async (body, token) => {
        const r = await t.authorize(token, body);
        expect(r.status).toBeLessThan(500);
        const u = await t.usage(token === null ? f.gatewayToken : token, body);
        expect(u.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});
