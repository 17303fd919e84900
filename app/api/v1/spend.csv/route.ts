// GET /api/v1/spend.csv: the same query as /api/v1/spend, one CSV line per row.
import { withApi } from "@/lib/api/with-api";
import { parseSpendQuery } from "@/lib/analytics/parse-spend-query";
import { querySpend } from "@/lib/analytics/query-spend";
import { spendResultOut } from "@/lib/analytics/spend-json";
import { spendCsv } from "@/lib/analytics/spend-csv";

export const GET = withApi({ permission: "spend:read" }, async ({ actor, req }) => {
  const query = parseSpendQuery(new URL(req.url).searchParams);
  const result = spendResultOut(await querySpend(actor, query));
  return new Response(spendCsv(result), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="spend-${result.from.slice(0, 10)}-${result.to.slice(0, 10)}.csv"`,
    },
  });
});
