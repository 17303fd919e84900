import { describe, expect, it } from "vitest";
import { z } from "zod";
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";

// The document builder in lib/openapi extends zod once; this test stands alone, so it does too.
extendZodWithOpenApi(z);
const { registerBudgetPaths } = await import("./budgets");
const { registerPricePaths } = await import("./prices");

describe("OpenAPI: budgets and prices", () => {
  it("generates a 3.1 document with every path and method", () => {
    const registry = new OpenAPIRegistry();
    registerBudgetPaths(registry);
    registerPricePaths(registry);
    const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: "3.1.0",
      info: { title: "test", version: "1" },
    });
    const paths = doc.paths ?? {};
    expect(Object.keys(paths["/api/v1/budgets"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(paths["/api/v1/budgets/{id}"] ?? {}).sort()).toEqual(["delete", "get", "patch"]);
    expect(Object.keys(paths["/api/v1/budgets/reallocate"] ?? {})).toEqual(["post"]);
    expect(Object.keys(paths["/api/v1/prices"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(paths["/api/v1/prices/{id}"] ?? {}).sort()).toEqual(["delete", "get", "patch"]);
    const schemas = doc.components?.schemas ?? {};
    for (const id of ["Budget", "CreateBudget", "UpdateBudget", "ReallocateBudget", "Reallocation", "Price", "CreatePrice"]) {
      expect(schemas[id], id).toBeDefined();
    }
  });
});
