import { z } from "zod";
import { usdToMicros } from "@/lib/money";
import { isoDateSchema, nameSchema } from "./common";

function isIanaZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

export const timezoneSchema = z
  .string()
  .trim()
  .max(64, "at most 64 characters")
  .refine(isIanaZone, "must be an IANA time zone, e.g. Europe/Paris");

/** USD per million tokens, at most 6 decimals, 0 allowed (a price of 0 is a real price). */
export const usdPerMTokSchema = z
  .number({ message: "must be a number" })
  .min(0, "must be 0 or more")
  .max(1_000_000, "at most 1000000")
  .refine(hasAtMostSixDecimals, "at most 6 decimals");

function hasAtMostSixDecimals(n: number): boolean {
  try {
    usdToMicros(n);
    return true;
  } catch {
    return false;
  }
}

export const orgSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    timezone: z.string(),
    unpricedModelPolicy: z.enum(["deny", "fallback"]),
    fallbackInputUsdPerMTok: z.number().nullable(),
    fallbackOutputUsdPerMTok: z.number().nullable(),
    failMode: z.enum(["open", "closed"]),
    analyticsTagKeys: z.array(z.string()),
    policyVersion: z.number().int(),
    createdAt: isoDateSchema,
    updatedAt: isoDateSchema,
  })
  .meta({ id: "Organization" });
export type Org = z.infer<typeof orgSchema>;

export const updateOrgSchema = z
  .strictObject({
    name: nameSchema.optional(),
    timezone: timezoneSchema.optional(),
    unpricedModelPolicy: z.enum(["deny", "fallback"]).optional(),
    fallbackInputUsdPerMTok: usdPerMTokSchema.nullable().optional(),
    fallbackOutputUsdPerMTok: usdPerMTokSchema.nullable().optional(),
    failMode: z.enum(["open", "closed"]).optional(),
    analyticsTagKeys: z
      .array(z.string().trim().min(1, "required").max(64, "at most 64 characters"))
      .max(20, "at most 20 tag keys")
      .optional(),
  })
  .meta({ id: "UpdateOrganization" });
export type UpdateOrg = z.infer<typeof updateOrgSchema>;
