import type { Metadata } from "next";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { ApiError } from "@/lib/api/errors";
import { parseSpendQuery } from "@/lib/analytics/parse-spend-query";
import { querySpend } from "@/lib/analytics/query-spend";
import { spendResultOut } from "@/lib/analytics/spend-json";
import { loadFilterOptions } from "@/lib/analytics/filter-options";
import { activePreset, breadcrumbs, explorerSpendParams, toSearchParams } from "@/lib/analytics/explorer-url";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { API_DOCS_HREF } from "@/components/ui/links";
import { ExplorerControls } from "./explorer-controls";
import { ExplorerResult } from "./explorer-result";
import { Breadcrumbs } from "./breadcrumbs";

export const metadata: Metadata = { title: "Analytics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AnalyticsPage({ searchParams }: Props) {
  const actor = await pageActor();
  if (!can(actor, "spend:read")) return <AccessDenied area="Analytics" />;
  const org = await db.organization.findFirstOrThrow({ where: { id: actor.orgId }, select: { timezone: true } });
  const params = toSearchParams(await searchParams);
  const spendParams = explorerSpendParams(params, org.timezone);

  let error: string | null = null;
  let result = null;
  try {
    const query = parseSpendQuery(spendParams);
    result = spendResultOut(await querySpend(actor, query));
  } catch (e) {
    if (!(e instanceof ApiError) || e.status >= 500) throw e;
    error = e.message;
  }
  const since = Math.floor(Date.now() / 60_000) - 90 * 24 * 60;
  const options = await loadFilterOptions(actor, since);
  const names = Object.fromEntries([...options.team, ...options.user, ...options.key].map((o) => [o.value, o.label]));

  return (
    <>
      <PageHeader
        title="Analytics"
        description={`Spend by team, user, key, model, provider and tag, in ${org.timezone}. Click a row to drill down; every setting is in the URL.`}
      />
      <Breadcrumbs crumbs={breadcrumbs(params, names)} />
      <ExplorerControls
        params={params.toString()}
        preset={activePreset(params)}
        from={spendParams.get("from") ?? ""}
        to={spendParams.get("to") ?? ""}
        options={options}
      />
      {error ? (
        <div role="alert" className="mt-6 rounded-lg border border-danger bg-danger-soft p-4 text-sm text-danger">
          <p className="font-semibold">This view cannot be shown</p>
          <p className="mt-1">{error}</p>
        </div>
      ) : result && result.totals.requests === 0 && (result.previous?.totals.requests ?? 0) === 0 ? (
        <div className="mt-6">
          <EmptyState title="No usage in this view" action={{ href: `${API_DOCS_HREF}#spend`, label: "How usage is reported" }}>
            <p>
              Nothing was settled between {result.from.slice(0, 10)} and {result.to.slice(0, 10)} for these filters. Widen the
              date range or clear a filter; usage appears here as soon as gateways report it to{" "}
              <code className="font-mono text-ink">POST /api/usage</code>.
            </p>
          </EmptyState>
        </div>
      ) : result ? (
        <ExplorerResult result={result} params={params.toString()} metric={(spendParams.get("metric") as never) ?? "cost"} />
      ) : null}
    </>
  );
}
