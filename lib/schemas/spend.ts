// The spend query (GET /api/v1/spend and the /analytics URL share it) and its answer.
// Query parameters: from, to, groupBy=team,model (up to two of team,user,key,model,provider,tag:<key>),
// interval=hour|day|week|month, filters team=<id>,<id> user= key= model= provider= and tag.<key>=<v>,<v>,
// metric, sort, order, limit (rows before "other"), top (series groups before "other"), compare=previous.
import { z } from "zod";
import { isoDateSchema } from "./common";

export const SPEND_DIMENSIONS = ["team", "user", "key", "model", "provider"] as const;
export type SpendDimensionName = (typeof SPEND_DIMENSIONS)[number];
/** A group-by dimension: a column dimension or `tag:<key>`. */
export type SpendDimension = SpendDimensionName | `tag:${string}`;

export const SPEND_METRICS = ["cost", "requests", "inputTokens", "outputTokens", "cachedInputTokens", "costPerRequest"] as const;
export type SpendMetric = (typeof SPEND_METRICS)[number];

export const TAG_KEY_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const valuePattern = /^[^\u0000-\u001f]{1,200}$/;

const list = (name: string, max = 100) =>
  z
    .array(z.string().trim().regex(valuePattern, `${name}: values must be 1-200 printable characters`))
    .max(max, `at most ${max} values`);

const dimensionSchema = z.string().refine(
  (s) => (SPEND_DIMENSIONS as readonly string[]).includes(s) || (s.startsWith("tag:") && TAG_KEY_PATTERN.test(s.slice(4))),
  { message: `must be one of ${SPEND_DIMENSIONS.join(", ")} or tag:<key>` },
);

const dateInput = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s), {
    message: "must be a date (2026-11-01, midnight in the org timezone) or an ISO 8601 date-time",
  });

/** The parsed spend query; dates are still strings (a plain date means midnight in the org zone). */
export const spendQuerySchema = z
  .strictObject({
    from: dateInput,
    to: dateInput,
    groupBy: z.array(dimensionSchema).max(2, "at most two dimensions").default([]),
    interval: z.enum(["hour", "day", "week", "month"], { message: "must be hour, day, week or month" }).optional(),
    team: list("team").optional(),
    user: list("user").optional(),
    key: list("key").optional(),
    model: list("model").optional(),
    provider: list("provider").optional(),
    tags: z.record(z.string().regex(TAG_KEY_PATTERN, "not a valid tag key"), list("tag")).default({}),
    metric: z.enum(SPEND_METRICS, { message: `must be one of ${SPEND_METRICS.join(", ")}` }).default("cost"),
    sort: z.string().optional(),
    order: z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("desc"),
    limit: z.coerce.number({ message: "must be a number" }).int("must be an integer").min(1, "at least 1").max(10_000, "at most 10000").default(1000),
    top: z.coerce.number({ message: "must be a number" }).int("must be an integer").min(1, "at least 1").max(50, "at most 50").default(10),
    compare: z.enum(["previous", "none"], { message: "must be previous or none" }).default("none"),
  })
  .superRefine((q, ctx) => {
    if (new Set(q.groupBy).size !== q.groupBy.length) ctx.addIssue({ code: "custom", path: ["groupBy"], message: "a dimension appears twice" });
    const tagKeys = new Set([...Object.keys(q.tags), ...q.groupBy.filter((d) => d.startsWith("tag:")).map((d) => d.slice(4))]);
    if (tagKeys.size > 1) {
      const path = Object.keys(q.tags).length > 1 ? ["tags"] : ["groupBy"];
      ctx.addIssue({ code: "custom", path, message: "at most one tag key per query (tag filters and tag grouping read one tag rollup)" });
    }
    const sortable = [...SPEND_METRICS, ...q.groupBy];
    if (q.sort !== undefined && !sortable.includes(q.sort)) {
      ctx.addIssue({ code: "custom", path: ["sort"], message: `must be one of ${sortable.join(", ")}` });
    }
  });
export type SpendQuery = z.infer<typeof spendQuerySchema>;
export type SpendQueryInput = z.input<typeof spendQuerySchema>;

const FILTERS = ["team", "user", "key", "model", "provider"] as const;
const SCALARS = ["from", "to", "interval", "metric", "sort", "order", "limit", "top", "compare"] as const;

/**
 * URL search params -> the raw object spendQuerySchema parses. Lists accept commas and repetition
 * (`team=a,b` or `team=a&team=b`); `tag.feature=x` becomes tags.feature. An unknown parameter is
 * reported by name (strict schema), never ignored.
 */
export function spendParamsToInput(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const tags: Record<string, string[]> = {};
  const split = (name: string) => params.getAll(name).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  for (const name of new Set(params.keys())) {
    if (name.startsWith("tag.")) tags[name.slice(4)] = split(name);
    else if (name === "groupBy") out.groupBy = split(name);
    else if ((FILTERS as readonly string[]).includes(name)) out[name] = split(name);
    else if ((SCALARS as readonly string[]).includes(name)) out[name] = params.get(name);
    else out[name] = params.get(name); // rejected by the strict schema, naming the parameter
  }
  out.tags = tags;
  return out;
}

/** The answer's numbers: USD as JSON numbers, token counts as numbers. */
const metricsSchema = z.object({
  costUsd: z.number(),
  requests: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  cachedInputTokens: z.number().int(),
  cacheWriteTokens: z.number().int(),
  /** null when there were no requests (not zero). */
  costPerRequestUsd: z.number().nullable(),
});
export type SpendMetricsOut = z.infer<typeof metricsSchema>;

export const spendRowSchema = metricsSchema
  .extend({
    /** Dimension values: team/user/key names (with teamId/userId/keyId), model, provider, tag:<key>. */
    group: z.record(z.string(), z.string().nullable()),
    /** Stable id of the group (ids for team/user/key), for drill-down and filters. */
    groupIds: z.record(z.string(), z.string().nullable()),
    /** Share of the total of the sort metric's base (cost), 0..1. */
    share: z.number().nullable(),
    /** True for the "other" row folding everything past `limit`. */
    other: z.boolean().optional(),
    previous: metricsSchema.optional(),
  })
  .meta({ id: "SpendRow" });
export type SpendRowOut = z.infer<typeof spendRowSchema>;

export const spendPointSchema = metricsSchema
  .extend({ start: isoDateSchema, group: z.record(z.string(), z.string().nullable()), groupKey: z.string() })
  .meta({ id: "SpendPoint" });
export type SpendPointOut = z.infer<typeof spendPointSchema>;

export const spendResultSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    timezone: z.string(),
    groupBy: z.array(z.string()),
    interval: z.string().nullable(),
    rows: z.array(spendRowSchema),
    /** One point per interval and group (top groups + "other"); empty intervals are omitted. */
    series: z.array(spendPointSchema).optional(),
    totals: metricsSchema,
    previous: z.object({ from: isoDateSchema, to: isoDateSchema, totals: metricsSchema }).optional(),
  })
  .meta({ id: "SpendResult" });
export type SpendResultOut = z.infer<typeof spendResultSchema>;
