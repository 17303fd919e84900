// Plain response values shared by the fast path and the Next route handlers.
import type { Issue } from "./schemas";

export type HandlerResult = { status: number; headers?: Record<string, string>; body: unknown };

export function errorResult(status: number, code: string, message: string, issues?: Issue[]): HandlerResult {
  return { status, body: { error: { code, message, ...(issues ? { issues } : {}) } } };
}

export function invalid(issues: Issue[]): HandlerResult {
  const first = issues[0];
  return errorResult(400, "invalid_request", first ? `${first.path}: ${first.message}` : "invalid body", issues);
}

/** JSON with bigint-free bodies only: money is converted to USD numbers before this point. */
export function serialize(body: unknown): string {
  return JSON.stringify(body);
}
