// GET /api/v1/spend: the analytics query for scripts (DESIGN §9), scoped like the dashboard.
import { withApi } from "@/lib/api/with-api";
import { parseSpendQuery } from "@/lib/analytics/parse-spend-query";
import { querySpend } from "@/lib/analytics/query-spend";
import { spendResultOut } from "@/lib/analytics/spend-json";

export const GET = withApi({ permission: "spend:read" }, async ({ actor, req }) => {
  const query = parseSpendQuery(new URL(req.url).searchParams);
  return spendResultOut(await querySpend(actor, query));
});
