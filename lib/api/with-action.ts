// The server-action twin of withApi: the signed-in actor, zod validation and error mapping, and a
// plain, serializable result the form can render (field errors under their field names).
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import { idSchema } from "@/lib/schemas/common";
import { logUnexpected, notFound, toApiError, unauthorized } from "./errors";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string }; fieldErrors?: Record<string, string[]> };

/**
 * Runs `fn` for the signed-in actor and maps errors. Domain functions validate their input with the
 * shared schemas (parse), so a ZodError here becomes field errors for the form.
 */
export async function withAction<T>(
  fn: (actor: Actor) => Promise<T>,
  options: { revalidate?: string[] } = {},
): Promise<ActionResult<T>> {
  try {
    const actor = await getActor();
    if (!actor) throw unauthorized("your session has ended: sign in again");
    const data = await fn(actor);
    for (const path of options.revalidate ?? []) revalidatePath(path);
    return { ok: true, data };
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.status >= 500) logUnexpected("server action", error);
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of apiError.issues ?? []) (fieldErrors[issue.path] ??= []).push(issue.message);
    return {
      ok: false,
      error: { code: apiError.code, message: apiError.message },
      ...(apiError.issues?.length ? { fieldErrors } : {}),
    };
  }
}

/** FormData to a plain object for zod: empty strings are "not given". */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string" || value === "") continue;
    out[key] = value;
  }
  return out;
}

/** An id argument of an action: anything that cannot be an id cannot exist. */
export function actionId(id: unknown): string {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
