// Model prices in the admin API: USD per million tokens as numbers with at most 6 decimals (stored as
// integer micro-dollars per MTok). A price of 0 is a real price (a free model); a missing cached or
// cache-write price means "billed at the input price".
import { z } from "zod";
import { isoDateInputSchema, isoDateSchema, listQuerySchema } from "./common";
import { usdSchema } from "./budget";

const providerSchema = z
  .string({ message: "required" })
  .trim()
  .toLowerCase()
  .min(1, "required")
  .max(64, "at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "lowercase letters, digits, '.', '_' or '-'");

const modelSchema = z
  .string({ message: "required" })
  .trim()
  .min(1, "required")
  .max(200, "at most 200 characters")
  .regex(/^[^\s]+$/, "must not contain spaces");

const maxOutputSchema = z
  .number({ message: "must be a number" })
  .int("must be an integer")
  .min(1, "at least 1")
  .max(10_000_000, "at most 10000000");

export const createPriceSchema = z
  .strictObject({
    provider: providerSchema,
    model: modelSchema,
    inputUsdPerMTok: usdSchema,
    outputUsdPerMTok: usdSchema,
    cachedInputUsdPerMTok: usdSchema.nullable().optional(),
    cacheWriteUsdPerMTok: usdSchema.nullable().optional(),
    maxOutputTokens: maxOutputSchema,
    /** Default: now. A later price for the same provider and model ends the one before it. */
    effectiveFrom: isoDateInputSchema.optional(),
    source: z.string().trim().max(500, "at most 500 characters").nullable().optional(),
  })
  .meta({ id: "CreatePrice" });
export type CreatePrice = z.infer<typeof createPriceSchema>;
export type CreatePriceInput = z.input<typeof createPriceSchema>;

export const updatePriceSchema = z
  .strictObject({
    inputUsdPerMTok: usdSchema.optional(),
    outputUsdPerMTok: usdSchema.optional(),
    cachedInputUsdPerMTok: usdSchema.nullable().optional(),
    cacheWriteUsdPerMTok: usdSchema.nullable().optional(),
    maxOutputTokens: maxOutputSchema.optional(),
    source: z.string().trim().max(500, "at most 500 characters").nullable().optional(),
  })
  .meta({ id: "UpdatePrice" });
export type UpdatePrice = z.infer<typeof updatePriceSchema>;
export type UpdatePriceInput = z.input<typeof updatePriceSchema>;

export const priceListQuerySchema = listQuerySchema.extend({
  /** The prices in force at this instant (default: now). */
  at: isoDateInputSchema.optional(),
  /** Every row, past and future, instead of those in force at `at`. */
  history: z.enum(["true", "false"], { message: "must be true or false" }).optional(),
  provider: providerSchema.optional(),
  model: modelSchema.optional(),
});
export type PriceListQuery = z.infer<typeof priceListQuerySchema>;

export const priceSchema = z
  .object({
    id: z.string(),
    provider: z.string(),
    model: z.string(),
    inputUsdPerMTok: z.number(),
    outputUsdPerMTok: z.number(),
    cachedInputUsdPerMTok: z.number().nullable(),
    cacheWriteUsdPerMTok: z.number().nullable(),
    maxOutputTokens: z.number().int(),
    effectiveFrom: isoDateSchema,
    effectiveTo: isoDateSchema.nullable(),
    source: z.string().nullable(),
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
  })
  .meta({ id: "Price" });
export type PriceOut = z.infer<typeof priceSchema>;
