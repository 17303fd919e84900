// kill -9 during load: every settle answered 200 is in the database, and after a restart the rebuilt
// counters equal the sum of the events.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { microsToUsd } from "@/lib/money";
import { createEnforcementFixture } from "./testing/fixtures";

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  // node itself with tsx as a loader: ONE process, so SIGKILL really kills the server (the tsx CLI
  // would run it as a grandchild that survives its parent's kill -9).
  const child = spawn(process.execPath, ["--import", "tsx", "lib/enforcement/testing/serve.ts"], { env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.once("exit", (code) => reject(new Error(`server exited early (${code})`)));
  });
}

const post = (url: string, token: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("crash safety", () => {
  it("kill -9 under load loses no acknowledged settle; restart rebuilds counters from the events", async () => {
    const f = await createEnforcementFixture({
      budgets: [
        { level: "key", limitUsd: 1_000 },
        { level: "team", limitUsd: 5_000, period: "monthly" },
        { level: "org", limitUsd: 10_000, period: "weekly", enforcement: "soft" },
      ],
    });
    const first = await startServer();
    const acked = new Map<string, number>();
    let stop = false;
    let n = 0;
    const client = async (c: number) => {
      while (!stop) {
        const requestId = `crash-${c}-${n++}`;
        try {
          const a = await post(`${first.url}/api/authorize`, f.gatewayToken, { apiKey: f.apiKey, requestId, model: "gpt-4o", inputTokens: 1000, maxOutputTokens: 500 });
          if (a.status !== 200) continue;
          const body = await a.json();
          const u = await post(`${first.url}/api/usage`, f.gatewayToken, { requestId, reservationId: body.reservationId, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1000, outputTokens: c % 500 });
          if (u.status === 200) acked.set(requestId, (await u.json()).costUsd);
        } catch {
          return; // the server is gone
        }
      }
    };
    const load = Promise.all(Array.from({ length: 40 }, (_, c) => client(c)));
    // Let load build up, then kill without any chance to flush.
    while (acked.size < 150) await new Promise((r) => setTimeout(r, 20));
    const dead = new Promise((r) => first.child.once("exit", (_code, signal) => r(signal)));
    first.child.kill("SIGKILL");
    expect(await dead).toBe("SIGKILL");
    stop = true;
    await load;
    expect(acked.size).toBeGreaterThanOrEqual(150);

    const events = await db.usageEvent.findMany({ where: { orgId: f.orgId }, select: { requestId: true, costMicros: true } });
    const stored = new Map(events.map((e) => [e.requestId, microsToUsd(e.costMicros)]));
    const lost = [...acked.keys()].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    for (const [id, cost] of acked) expect(stored.get(id)).toBe(cost);

    // The durable window totals are exactly the events (same transaction), and the restarted
    // engine's counters are exactly those totals.
    const sum = events.reduce((s, e) => s + e.costMicros, 0n);
    for (const b of f.budgets) {
      const [w] = await db.budgetWindow.findMany({ where: { budgetId: b.id } });
      expect(w.spentMicros).toBe(sum);
      expect(w.requests).toBe(events.length);
    }
    const second = await startServer();
    const r = await post(`${second.url}/api/authorize`, f.gatewayToken, { apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1, maxOutputTokens: 1 });
    const body = await r.json();
    expect(body.budgets.map((b: { usedUsd: number }) => b.usedUsd)).toEqual(f.budgets.map(() => microsToUsd(sum)));
    // A retried settle of an acknowledged request is still counted once.
    const [someId, cost] = [...acked.entries()][0];
    const again = await post(`${second.url}/api/usage`, f.gatewayToken, { requestId: someId, apiKey: f.apiKey, model: "gpt-4o", inputTokens: 1000, outputTokens: 1 });
    expect(await again.json()).toEqual({ requestId: someId, costUsd: cost, duplicate: true });
    second.child.kill("SIGTERM");
  }, 150_000); // two server start-ups (module loading) on a shared 2-core machine
});
