// The one wrapper for /api/v1 route handlers: authenticate (session cookie or Bearer admin token),
// check the coarse permission, validate query and body with zod, map every error. Handlers get a
// typed, permitted context and never read cookies or headers themselves.
import type { z } from "zod";
import { authenticateRequest } from "@/lib/auth/authenticate";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission, type Permission } from "@/lib/auth/permissions";
import { idSchema } from "@/lib/schemas/common";
import { ApiError, errorBody, logUnexpected, notFound, toApiError, unauthorized, validationError } from "./errors";
import { toJson } from "./json";

type Schema = z.ZodType | undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ApiContext<B, Q> = { actor: Actor; body: B; query: Q; params: Record<string, string>; req: Request };
type RouteContext = { params?: Promise<Record<string, string | string[]>> };

export function withApi<B extends Schema = undefined, Q extends Schema = undefined>(
  options: { body?: B; query?: Q; permission?: Permission },
  handler: (ctx: ApiContext<Out<B>, Out<Q>>) => Promise<unknown>,
) {
  return async (req: Request, route?: RouteContext): Promise<Response> => {
    try {
      const actor = await authenticateRequest(req);
      if (!actor) throw unauthorized();
      if (options.permission) requirePermission(actor, options.permission);
      const params = await readParams(route);
      const query = options.query ? parse(options.query, queryObject(req), "query") : undefined;
      const body = options.body ? parse(options.body, await readJson(req), undefined) : undefined;
      const result = await handler({ actor, body, query, params, req } as ApiContext<Out<B>, Out<Q>>);
      return result instanceof Response ? result : json(result);
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status >= 500) logUnexpected(`${req.method} ${new URL(req.url).pathname}`, error);
      return json(errorBody(apiError), apiError.status);
    }
  };
}

export function json(value: unknown, status = 200): Response {
  return new Response(toJson(value), { status, headers: { "content-type": "application/json" } });
}

export const created = (value: unknown) => json(value, 201);

async function readParams(route?: RouteContext): Promise<Record<string, string>> {
  const raw = (await route?.params) ?? {};
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== "string" || (name === "id" && !idSchema.safeParse(value).success)) throw notFound();
    out[name] = value;
  }
  return out;
}

function queryObject(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url).searchParams.entries());
}

/** Admin API bodies are small objects; anything bigger is a mistake or an attack. */
const MAX_BODY_BYTES = 1_000_000;

async function readJson(req: Request): Promise<unknown> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw tooLarge();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", 400, "body: must be valid JSON", [
      { path: "(body)", code: "invalid_json", message: "must be valid JSON" },
    ]);
  }
}

const tooLarge = () =>
  new ApiError("payload_too_large", 413, "body: larger than 1 MB", [{ path: "(body)", code: "too_large", message: "larger than 1 MB" }]);

function parse<S extends z.ZodType>(schema: S, input: unknown, prefix: string | undefined): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}
