import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";
import { renderApiReference } from "./render-html";

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument();

  it("is OpenAPI 3.1 with every org-management operation", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ops = Object.entries(doc.paths ?? {}).flatMap(([p, m]) => Object.keys(m as object).map((k) => `${k.toUpperCase()} ${p}`));
    for (const op of [
      "GET /api/v1/org", "PATCH /api/v1/org", "GET /api/v1/teams", "POST /api/v1/teams", "DELETE /api/v1/teams/{id}",
      "POST /api/v1/users", "PATCH /api/v1/users/{id}", "POST /api/v1/keys", "DELETE /api/v1/keys/{id}",
      "POST /api/v1/gateway-tokens", "DELETE /api/v1/api-tokens/{id}", "GET /api/v1/audit",
    ]) expect(ops).toContain(op);
  });

  it("derives bodies from the zod schemas, strict and with their rules", () => {
    const createKey = doc.components?.schemas?.CreateKey as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(createKey.required).toEqual(["name", "teamId"]);
    expect(createKey.additionalProperties).toBe(false);
    expect(createKey.properties.rpmLimit).toMatchObject({ minimum: 1 });
  });

  it("renders a readable reference page", () => {
    const html = renderApiReference(doc as unknown as Record<string, unknown>);
    expect(html).toContain("POST</span> <code>/api/v1/keys</code>");
    expect(html).toContain('id="schema-CreateKey"');
    expect(html).not.toContain("<script");
  });
});

describe("served document and reference page", () => {
  it("GET /api/v1/openapi.json and /api/v1/docs answer without credentials", async () => {
    const { GET: json } = await import("@/app/api/v1/openapi.json/route");
    const { GET: docs } = await import("@/app/api/v1/docs/route");
    const res = json();
    expect(res.status).toBe(200);
    expect((await res.json()).paths["/api/v1/keys"]).toBeDefined();
    const page = docs();
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Purser admin API");
  });
});
