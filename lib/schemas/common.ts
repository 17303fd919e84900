// Shared building blocks for every API schema (server and client import them alike).
import { z } from "zod";

export const ROLES = ["owner", "admin", "finance", "lead", "member"] as const;
export const roleSchema = z.enum(ROLES).meta({ id: "Role" });
export type RoleName = z.infer<typeof roleSchema>;

/** Database ids are cuids; anything else cannot exist, so it is rejected before a query runs. */
export const idSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(64, "at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "not a valid id");

export const nameSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(100, "at most 100 characters");

/** ISO 8601 with an explicit offset (or Z), parsed to a Date. */
export const isoDateInputSchema = z.iso
  .datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z" })
  .transform((s) => new Date(s));

/** Dates on the way out: ISO 8601 UTC strings. */
export const isoDateSchema = z.string().meta({ format: "date-time", example: "2026-11-28T12:00:00.000Z" });

const limitSchema = z.coerce
  .number({ message: "must be a number" })
  .int("must be an integer")
  .min(1, "at least 1")
  .max(200, "at most 200");

/** `?cursor=&limit=` on every list. The cursor is the last item's id, opaque to clients. */
export const listQuerySchema = z.strictObject({
  cursor: idSchema.optional(),
  limit: limitSchema.optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
        .optional(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof errorSchema>;

/** Positive integer limit that may be cleared with null (PATCH). */
export const optionalPositiveInt = z
  .number({ message: "must be a number" })
  .int("must be an integer")
  .min(1, "at least 1")
  .max(1_000_000_000, "at most 1000000000");
