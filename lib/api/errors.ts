// The one error class for API routes and server actions, and the one mapper from any thrown value
// to an HTTP status and a body that leaks nothing.
import { ZodError, type z } from "zod";

export type Issue = { path: string; code: string; message: string };

export class ApiError extends Error {
  constructor(
    public code: string,
    public status: number,
    message: string,
    public issues?: Issue[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (what = "resource") => new ApiError("not_found", 404, `${what} not found`);
export const forbidden = (message = "you do not have permission to do this") =>
  new ApiError("forbidden", 403, message);
export const unauthorized = (message = "sign in or send a valid admin API token") =>
  new ApiError("unauthorized", 401, message);
export const conflict = (message: string) => new ApiError("conflict", 409, message);
/** A 400 that names the field, the same shape as a zod failure. */
export const invalid = (path: string, message: string) =>
  new ApiError("invalid_request", 400, `${path}: ${message}`, [{ path, code: "invalid", message }]);

/** Flattens zod issues to `{ path, code, message }`; unknown keys become one issue per key. */
/** A path segment as written: plain names stay plain, anything odd (empty, spaces, dots) is quoted. */
const segment = (key: PropertyKey) =>
  typeof key === "number" ? String(key) : /^[A-Za-z_$][\w$-]*$/.test(String(key)) ? String(key) : JSON.stringify(String(key));

export function zodIssues(error: ZodError, prefix?: string): Issue[] {
  const out: Issue[] = [];
  for (const issue of error.issues as z.core.$ZodIssue[]) {
    const base = [prefix, ...issue.path.map(segment)].filter(Boolean).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({ path: base ? `${base}.${segment(key)}` : segment(key), code: "unrecognized_key", message: "unknown field" });
      }
    } else {
      out.push({ path: base || "(root)", code: issue.code, message: issue.message });
    }
  }
  return out;
}

export function validationError(error: ZodError, prefix?: string): ApiError {
  const issues = zodIssues(error, prefix);
  const summary = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ");
  return new ApiError("invalid_request", 400, summary || "invalid request", issues);
}

type PrismaMeta = {
  target?: unknown;
  modelName?: unknown;
  driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } };
};
type PrismaLikeError = { code?: unknown; name?: unknown; meta?: PrismaMeta };

/** The columns of a violated unique constraint, however the driver adapter reports them. */
function uniqueFields(meta: PrismaMeta | undefined): string[] | undefined {
  if (Array.isArray(meta?.target)) return meta.target.map(String);
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  if (Array.isArray(constraint?.fields)) return constraint.fields.map(String);
  // PostgreSQL names the index instead: "Team_orgId_name_key".
  const index = typeof constraint?.index === "string" ? constraint.index : undefined;
  const model = typeof meta?.modelName === "string" ? meta.modelName : "";
  if (index?.startsWith(`${model}_`) && index.endsWith("_key")) return index.slice(model.length + 1, -4).split("_");
  return undefined;
}

/** Maps anything thrown to an ApiError. Unknown errors become a generic 500 (logged by the caller). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return validationError(error);
  const e = (error ?? {}) as PrismaLikeError;
  if (e.code === "P2025" || e.code === "P2001") return notFound();
  if (e.code === "P2002") {
    const field = uniqueFields(e.meta)?.filter((t) => t !== "orgId").join(",") || undefined;
    return new ApiError("conflict", 409, field ? `${field} is already taken` : "already exists",
      field ? [{ path: field, code: "unique", message: "already taken" }] : undefined);
  }
  if (e.code === "P2003") return new ApiError("conflict", 409, "still referenced by other records");
  return new ApiError("internal_error", 500, "internal error");
}

export function errorBody(error: ApiError) {
  return {
    error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
  };
}

/** Logs an unexpected error without request bodies, headers or secrets: name, message, stack only. */
export function logUnexpected(where: string, error: unknown) {
  const e = error instanceof Error ? error : new Error(String(error));
  const redact = (s: string | undefined) => (s ?? "").replace(/(psr_[a-z]+_|whsec_)[A-Za-z0-9]+/g, "$1***");
  console.error(`[purser] ${where}: ${e.name}: ${redact(e.message)}\n${redact(e.stack)}`);
}

/** A referenced id (in a body or query) that is not in the caller's org: 404 naming the field. */
export const notFoundField = (path: string, what: string) =>
  new ApiError("not_found", 404, `${path}: ${what} not found`, [{ path, code: "not_found", message: `${what} not found` }]);
