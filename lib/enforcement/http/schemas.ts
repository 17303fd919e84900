// The wire format of the enforcement API (DESIGN §8). Strict limits keep bad input a 400, never a 500.
import { z } from "zod";

const MAX_TOKENS = 100_000_000;
const tokens = z.number().int().min(0).max(MAX_TOKENS);
const id = z.string().min(1).max(128);
const name = z.string().trim().min(1).max(200);

export const tagsSchema = z
  .record(z.string().min(1).max(64), z.string().max(256))
  .refine((t) => Object.keys(t).length <= 20, { message: "at most 20 tags" });

const part = z.union([z.string(), z.object({ type: z.string().max(64).optional(), text: z.string().optional() }).passthrough()]);
const message = z
  .object({
    role: z.string().max(64),
    content: z.union([z.string(), z.array(part).max(1_000), z.null()]).optional(),
    name: z.string().max(256).optional(),
  })
  .passthrough();

export const authorizeSchema = z
  .object({
    apiKey: z.string().min(1).max(512),
    requestId: id.optional(),
    model: name,
    provider: name.optional(),
    inputTokens: tokens.optional(),
    messages: z.array(message).max(10_000).optional(),
    prompt: z.string().optional(),
    maxOutputTokens: z.number().int().min(1).max(MAX_TOKENS).optional(),
    tags: tagsSchema.optional(),
  })
  .refine((b) => b.inputTokens !== undefined || b.messages !== undefined || b.prompt !== undefined, {
    message: "send inputTokens, messages or prompt",
    path: ["inputTokens"],
  });
export type AuthorizeBody = z.infer<typeof authorizeSchema>;

export const usageItemSchema = z.object({
  requestId: id,
  reservationId: id.optional(),
  apiKey: z.string().min(1).max(512).optional(),
  model: name,
  provider: name.optional(),
  inputTokens: tokens.default(0),
  outputTokens: tokens.default(0),
  cachedInputTokens: tokens.default(0),
  cacheWriteTokens: tokens.default(0),
  status: z.enum(["ok", "error", "cancelled"]).default("ok"),
  latencyMs: z.number().int().min(0).max(86_400_000).optional(),
  tags: tagsSchema.optional(),
});
export type UsageItem = z.infer<typeof usageItemSchema>;

export const usageBatchSchema = z.array(usageItemSchema).min(1).max(1000);

export type Issue = { path: string; message: string };

/** zod issues as `{ path: "messages.0.role", message }`, the field named first in the message. */
export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}
