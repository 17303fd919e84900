import type { Metadata } from "next";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { apiDocsHref } from "@/components/ui/links";
import { PricesTable, type PriceRow } from "./prices-table";
import { PriceDialog } from "./price-dialog";

export const metadata: Metadata = { title: "Prices" };

export default async function PricesPage() {
  const actor = await pageActor();
  if (!can(actor, "price:read")) return <AccessDenied area="Prices" />;
  const prices = await db.modelPrice.findMany({
    where: { orgId: actor.orgId },
    orderBy: [{ provider: "asc" }, { model: "asc" }, { effectiveFrom: "desc" }],
  });
  const now = new Date();
  const modelKey = (p: { provider: string; model: string }) => `${p.provider}/${p.model}`;
  const rowsPerModel = new Map<string, number>();
  for (const p of prices) rowsPerModel.set(modelKey(p), (rowsPerModel.get(modelKey(p)) ?? 0) + 1);
  const rows: PriceRow[] = prices.map((p) => ({
    status: p.effectiveFrom > now ? "scheduled" : p.effectiveTo && p.effectiveTo <= now ? "ended" : "in force",
    id: p.id,
    provider: p.provider,
    model: p.model,
    input: p.inputMicrosPerMTok,
    output: p.outputMicrosPerMTok,
    cachedInput: p.cachedInputMicrosPerMTok,
    cacheWrite: p.cacheWriteMicrosPerMTok,
    maxOutputTokens: p.maxOutputTokens,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo,
    source: p.source,
    onlyPrice: rowsPerModel.get(modelKey(p)) === 1,
  }));
  const canEdit = can(actor, "price:update");

  return (
    <>
      <PageHeader
        title="Prices"
        description="What each model costs, in USD per million tokens. Requests for a model with no price are denied unless the org sets a fallback price."
        actions={canEdit ? <PriceDialog mode="create" /> : undefined}
      />
      <PricesTable
        rows={rows}
        canEdit={canEdit}
        empty={
          <EmptyState title="No model prices" action={{ href: apiDocsHref("post", "/api/v1/prices"), label: "Add prices through the API" }}>
            <p>
              Purser prices every request before it runs. Add a price per provider and model with{" "}
              <code className="font-mono text-ink">POST /api/v1/prices</code>; each will be listed here with its effective dates.
            </p>
          </EmptyState>
        }
      />
    </>
  );
}
