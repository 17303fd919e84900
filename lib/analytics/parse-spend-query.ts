// URL search params -> a validated SpendQuery, shared by /api/v1/spend(.csv) and the /analytics page.
// A bad parameter is a 400 naming it in the query-string spelling (`tag.feature`, `groupBy`, `from`).
import { ApiError, zodIssues } from "@/lib/api/errors";
import { spendParamsToInput, spendQuerySchema, type SpendQuery } from "@/lib/schemas/spend";

export function parseSpendQuery(params: URLSearchParams): SpendQuery {
  const result = spendQuerySchema.safeParse(spendParamsToInput(params));
  if (result.success) return result.data;
  const issues = zodIssues(result.error).map((issue) => {
    const [head, key] = issue.path.split(".");
    if (head === "tags" && key) return { ...issue, path: `tag.${key}` };
    if (head === "groupBy") return { ...issue, path: "groupBy" };
    return { ...issue, path: head };
  });
  const summary = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join("; ");
  throw new ApiError("invalid_request", 400, summary, issues);
}
