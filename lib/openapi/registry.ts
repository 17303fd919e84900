// Helpers every lib/openapi/paths/<resource>.ts uses to describe its operations from the same zod
// schemas the routes validate with (the document is generated, never hand-written).
import { OpenAPIRegistry, extendZodWithOpenApi, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { errorSchema, idSchema } from "@/lib/schemas/common";

// Parameters (query, path) need the `.openapi()` method the generator calls on each field.
extendZodWithOpenApi(z);

export { OpenAPIRegistry };
export type PathRegistrar = (registry: OpenAPIRegistry) => void;

export const idParams = z.object({ id: idSchema.meta({ description: "The resource id." }) });

export function jsonBody(schema: z.ZodType, description?: string) {
  return { required: true, description, content: { "application/json": { schema } } };
}

export function jsonResponse(schema: z.ZodType, description: string) {
  return { description, content: { "application/json": { schema } } };
}

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: `error.issues` names each field and the reason.",
  401: "No valid session or admin API token.",
  403: "The caller's role may not do this to this resource.",
  404: "Not found in the caller's organization.",
  409: "Conflicts with the current state (duplicate name, resource still in use).",
};

/** Error responses in the one shape: `{ "error": { "code", "message", "issues"? } }`. */
export function errors(...statuses: number[]) {
  return Object.fromEntries(
    [401, 403, ...statuses].map((s) => [s, jsonResponse(errorSchema, ERROR_TEXT[s] ?? "Error")]),
  ) as RouteConfig["responses"];
}

/**
 * zod 4 gives `.openapi()` only to schemas created after extendZodWithOpenApi, and the shared schemas
 * are created before (they are client code too). The generator calls it on every query/path field,
 * so those fields are re-instantiated here, keeping their metadata.
 */
function reinstantiate(schema: z.ZodType | undefined) {
  if (!(schema instanceof z.ZodObject)) return schema;
  const shape = Object.fromEntries(
    Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => {
      const Ctor = field.constructor as new (def: unknown) => z.ZodType;
      const copy = new Ctor(field._zod.def);
      const meta = z.globalRegistry.get(field);
      if (meta) z.globalRegistry.add(copy, meta);
      return [key, copy];
    }),
  );
  return z.object(shape);
}

/** A registry whose registerPath accepts parameter schemas created before zod was extended. */
export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  const register = registry.registerPath.bind(registry);
  registry.registerPath = (config: RouteConfig) => {
    const request = config.request
      ? { ...config.request, query: reinstantiate(config.request.query) as never, params: reinstantiate(config.request.params) as never }
      : undefined;
    register({ security: [{ bearerAuth: [] }, { sessionCookie: [] }], ...config, ...(request ? { request } : {}) });
  };
  return registry;
}

/** Registers an operation (default security: session cookie or Bearer admin token). */
export function op(registry: OpenAPIRegistry, config: RouteConfig) {
  registry.registerPath(config);
}
