// OpenAPI description of /api/v1/prices and /api/v1/prices/{id}.
import { z } from "zod";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { errorSchema, listOf } from "@/lib/schemas/common";
import { createPriceSchema, priceListQuerySchema, priceSchema, updatePriceSchema } from "@/lib/schemas/price";

const err = (description: string) => ({ description, content: { "application/json": { schema: errorSchema } } });
const common = { 401: err("Not signed in and no valid admin token"), 403: err("Changing prices needs owner or admin") };
const idParam = z.object({ id: z.string().meta({ description: "Price id" }) });
const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

export function registerPricePaths(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: "get",
    path: "/api/v1/prices",
    tags: ["prices"],
    summary: "List model prices",
    description:
      "The prices in force now, or at `at` (an ISO 8601 instant), or every row with history=true. USD per million tokens. " +
      "A null cached or cache-write price means those tokens are billed at the input price.",
    request: { query: priceListQuerySchema },
    responses: { 200: { description: "A page of prices", content: json(listOf(priceSchema)) }, 400: err("A query parameter is invalid"), ...common },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/prices",
    tags: ["prices"],
    summary: "Add a price",
    description:
      "Takes effect at effectiveFrom (default now). The price of the same provider and model in force at that instant " +
      "ends there; if a later price exists, this one ends where it starts.",
    request: { body: { content: json(createPriceSchema) } },
    responses: {
      201: { description: "The price", content: json(priceSchema) },
      400: err("A field is invalid (named in error.issues[].path)"),
      409: err("A price for this provider and model already starts at effectiveFrom"),
      ...common,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/prices/{id}",
    tags: ["prices"],
    summary: "Read a price",
    request: { params: idParam },
    responses: { 200: { description: "The price", content: json(priceSchema) }, 404: err("No such price"), ...common },
  });
  registry.registerPath({
    method: "patch",
    path: "/api/v1/prices/{id}",
    tags: ["prices"],
    summary: "Correct a price",
    description: "Amounts, max output and source only; a price change from a date on is a new price (POST).",
    request: { params: idParam, body: { content: json(updatePriceSchema) } },
    responses: { 200: { description: "The price", content: json(priceSchema) }, 400: err("A field is invalid"), 404: err("No such price"), ...common },
  });
  registry.registerPath({
    method: "delete",
    path: "/api/v1/prices/{id}",
    tags: ["prices"],
    summary: "Delete a price",
    description: "The price before it stays in force until the one after it. A model left without a price is unpriced (the org's policy decides), never $0.",
    request: { params: idParam },
    responses: { 200: { description: "Deleted", content: json(z.object({ id: z.string(), deleted: z.literal(true) })) }, 404: err("No such price"), ...common },
  });
}
