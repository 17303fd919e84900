// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes validate with.
import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { pathRegistrars } from "./paths";
import { createRegistry, type PathRegistrar } from "./registry";

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

export function buildOpenApiDocument(registrars: PathRegistrar[] = pathRegistrars) {
  const registry = createRegistry();
  registry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An admin API token (`psr_adm_…`), created under Settings or by bootstrap.",
  });
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
    description: "The dashboard's session (browsers only).",
  });
  for (const register of registrars) register(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Purser admin API",
      version: "1",
      description:
        "Manage the organization, teams, users, API keys, budgets, prices and tokens; read spend and the audit log. " +
        "Lists answer `{ items, nextCursor }` (pass `?cursor=` for the next page). Creates answer 201 with the object. " +
        "Errors answer `{ error: { code, message, issues? } }`. Money is USD as a number with at most 6 decimals; times are ISO 8601 UTC.",
    },
  });
}

export function openApiDocument() {
  cached ??= buildOpenApiDocument();
  return cached;
}
