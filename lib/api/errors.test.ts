import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, errorBody, toApiError } from "./errors";
import { createKeySchema } from "@/lib/schemas/key";
import { toJson } from "./json";

describe("toApiError", () => {
  it("names unknown fields one by one", () => {
    const r = createKeySchema.safeParse({ name: "k", teamId: "t1", color: "red", size: 3 });
    expect(r.success).toBe(false);
    const e = toApiError(r.error);
    expect(e.status).toBe(400);
    expect(e.issues?.map((i) => i.path).sort()).toEqual(["color", "size"]);
  });

  it("names nested paths and the reason", () => {
    const e = toApiError(z.strictObject({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: "x" } }).error);
    expect(e.issues?.[0]).toMatchObject({ path: "a.b" });
    expect(e.message).toContain("a.b");
  });

  it("maps Prisma errors by code", () => {
    expect(toApiError({ code: "P2025" }).status).toBe(404);
    expect(toApiError({ code: "P2002", meta: { target: ["orgId", "name"] } }).status).toBe(409);
    expect(toApiError({ code: "P2002", meta: { target: ["orgId", "name"] } }).issues?.[0].path).toBe("name");
  });

  it("turns anything else into a 500 that leaks nothing", () => {
    const e = toApiError(new Error("connection string postgres://user:secret@host"));
    expect(e.status).toBe(500);
    expect(JSON.stringify(errorBody(e))).not.toContain("secret");
  });

  it("keeps ApiErrors as they are", () => {
    const e = new ApiError("x", 418, "teapot");
    expect(toApiError(e)).toBe(e);
  });
});

describe("toJson", () => {
  it("refuses bigint instead of leaking it", () => {
    expect(() => toJson({ a: 1n })).toThrow(/bigint/);
    expect(toJson({ d: new Date("2026-01-01T00:00:00Z") })).toBe('{"d":"2026-01-01T00:00:00.000Z"}');
  });
});

describe("unique violations from driver adapters", () => {
  it("names the field from SQLite and PostgreSQL metadata", () => {
    const sqlite = { code: "P2002", meta: { modelName: "Team", driverAdapterError: { cause: { constraint: { fields: ["orgId", "name"] } } } } };
    const pg = { code: "P2002", meta: { modelName: "Team", driverAdapterError: { cause: { constraint: { index: "Team_orgId_name_key" } } } } };
    for (const e of [sqlite, pg]) {
      const mapped = toApiError(e);
      expect(mapped.status).toBe(409);
      expect(mapped.issues?.[0].path).toBe("name");
    }
  });
});
