// GET /api/v1/spend(.csv) through the real route handlers, authenticated with an admin API token.
import { describe, expect, it, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { createSpendOrg, writeUsage, type SpendOrg } from "@/lib/analytics/testing/spend-fixtures";
import { GET } from "./route";
import { GET as GET_CSV } from "../spend.csv/route";

let org: SpendOrg;
let token: string;

async function call(handler: typeof GET, query: string, bearer = token) {
  const res = await handler(new Request(`http://test/api/v1/spend?${query}`, { headers: { authorization: `Bearer ${bearer}` } }));
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") };
}

beforeAll(async () => {
  org = await createSpendOrg("Asia/Kolkata");
  const base = { provider: "openai", inputTokens: 1000, outputTokens: 100, cachedInputTokens: 0, cacheWriteTokens: 0 };
  await writeUsage(org, [
    { ...base, occurredAt: new Date("2026-11-02T10:00:00Z"), teamId: org.keys[0].teamId, userId: org.keys[0].userId, apiKeyId: org.keys[0].id, model: "gpt-4o", costMicros: 1_500_000n, tags: { feature: "chat" } },
    { ...base, occurredAt: new Date("2026-11-03T10:00:00Z"), teamId: org.keys[3].teamId, userId: org.keys[3].userId, apiKeyId: org.keys[3].id, model: "gpt-4o-mini", costMicros: 250_000n },
  ]);
  token = `psr_adm_${randomUUID().replace(/-/g, "")}`;
  await db.apiToken.create({ data: { orgId: org.orgId, name: "t", prefix: token.slice(0, 12), tokenHash: sha256Hex(token), role: "finance" } });
});

describe("/api/v1/spend", () => {
  it("answers rows, series and totals in USD", async () => {
    const { status, text } = await call(GET, "from=2026-11-01&to=2026-12-01&groupBy=team,model&interval=day");
    expect(status).toBe(200);
    const body = JSON.parse(text);
    expect(body.totals.costUsd).toBe(1.75);
    expect(body.totals.requests).toBe(2);
    expect(body.rows.map((r: { group: Record<string, string> }) => r.group)).toEqual([
      { team: "Alpha", model: "gpt-4o" },
      { team: "Beta", model: "gpt-4o-mini" },
    ]);
    expect(body.rows[0].groupIds.team).toBe(org.teams[0].id);
    expect(body.series).toHaveLength(2);
    expect(body.timezone).toBe("Asia/Kolkata");
  });

  it("filters on a tag and groups by it (untagged usage is its own group)", async () => {
    const tagged = JSON.parse((await call(GET, "from=2026-11-01&to=2026-12-01&tag.feature=chat")).text);
    expect(tagged.totals.costUsd).toBe(1.5);
    const byTag = JSON.parse((await call(GET, "from=2026-11-01&to=2026-12-01&groupBy=tag:feature")).text);
    expect(byTag.rows.map((r: { group: Record<string, string>; costUsd: number }) => [r.group["tag:feature"], r.costUsd])).toEqual([
      ["chat", 1.5],
      ["(untagged)", 0.25],
    ]);
  });

  it.each([
    ["from=nope&to=2026-12-01", "from"],
    ["from=2026-11-01&to=2026-10-01", "to"],
    ["from=2026-11-01&to=2026-12-01&groupBy=team,model,key", "groupBy"],
    ["from=2026-11-01&to=2026-12-01&groupBy=colour", "groupBy"],
    ["from=2026-11-01&to=2026-12-01&interval=fortnight", "interval"],
    ["from=2025-11-01&to=2026-12-01&interval=hour", "interval"],
    ["from=2026-11-01&to=2026-12-01&tag.secret=x", "tag.secret"],
    ["from=2026-11-01&to=2026-12-01&colour=red", "colour"],
    ["from=2026-11-01&to=2026-12-01&limit=0", "limit"],
    ["to=2026-12-01", "from"],
  ])("rejects %s with a 400 naming %s", async (query, param) => {
    const { status, text } = await call(GET, query);
    expect(status).toBe(400);
    expect(JSON.parse(text).error.issues.map((i: { path: string }) => i.path)).toContain(param);
  });

  it("401 without credentials", async () => {
    expect((await call(GET, "from=2026-11-01&to=2026-12-01", "psr_adm_wrong")).status).toBe(401);
  });

  it("exports the same rows as CSV", async () => {
    const { status, text, type } = await call(GET_CSV, "from=2026-11-01&to=2026-12-01&groupBy=model");
    expect(status).toBe(200);
    expect(type).toContain("text/csv");
    expect(text.split("\r\n").slice(0, 3)).toEqual([
      "model,cost_usd,requests,input_tokens,output_tokens,cached_input_tokens,cost_per_request_usd,share",
      "gpt-4o,1.500000,1,1000,100,0,1.500000,0.857143",
      "gpt-4o-mini,0.250000,1,1000,100,0,0.250000,0.142857",
    ]);
  });
});
