// OpenAPI description of GET /api/v1/spend and /api/v1/spend.csv (the analytics query).
import { z } from "zod";
import { errors, jsonResponse, op, type PathRegistrar } from "../registry";
import { SPEND_DIMENSIONS, SPEND_METRICS, spendResultSchema } from "@/lib/schemas/spend";

const list = (what: string) => z.string().optional().meta({ description: `${what}; several values comma-separated or repeated` });

export const spendQueryParamsSchema = z.object({
  from: z.string().meta({ description: "Start (inclusive): a date (midnight in the org timezone) or an ISO 8601 date-time", example: "2026-11-01" }),
  to: z.string().meta({ description: "End (exclusive), same forms as from", example: "2026-12-01" }),
  groupBy: z.string().optional().meta({
    description: `Up to two of ${SPEND_DIMENSIONS.join(", ")}, tag:<key>; comma-separated`,
    example: "team,model",
  }),
  interval: z.enum(["hour", "day", "week", "month"]).optional().meta({ description: "Adds a time series (org-local buckets)" }),
  team: list("Team ids"),
  user: list("User ids"),
  key: list("API key ids"),
  model: list("Model names"),
  provider: list("Provider names"),
  metric: z.enum(SPEND_METRICS).optional().meta({ description: "Ranks rows and series groups (default cost)" }),
  sort: z.string().optional().meta({ description: "A metric or a group-by dimension (default: metric)" }),
  order: z.enum(["asc", "desc"]).optional(),
  limit: z.string().optional().meta({ description: "Rows before the rest is folded into one `other` row (default 1000, max 10000)" }),
  top: z.string().optional().meta({ description: "Series groups before `other` (default 10, max 50)" }),
  compare: z.enum(["previous", "none"]).optional().meta({ description: "`previous`: add the same-length period just before" }),
});

const description =
  "Spend aggregated from hourly rollups, in the organization's timezone, scoped to what the caller may see " +
  "(a lead: their team; a member: their own keys). Filter on a tag with `tag.<key>=<value>[,<value>]` " +
  "(one tag key per query, among the org's analytics tag keys). Resolution is one hour.";

export const registerSpendPaths: PathRegistrar = (r) => {
  const tags = ["Spend"];
  op(r, {
    method: "get", path: "/api/v1/spend", tags, summary: "Query spend", description,
    request: { query: spendQueryParamsSchema },
    responses: { 200: jsonResponse(spendResultSchema, "Rows (top `limit` + other), the series when `interval` is set, totals, and the previous period when `compare=previous`."), ...errors(400) },
  });
  op(r, {
    method: "get", path: "/api/v1/spend.csv", tags, summary: "Query spend as CSV",
    description: `${description} One line per row: group columns, cost_usd, requests, tokens, cost_per_request_usd, share.`,
    request: { query: spendQueryParamsSchema },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...errors(400) },
  });
};
