import type { Metadata } from "next";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { apiDocsHref } from "@/components/ui/links";
import { PricesTable, type PriceRow } from "./prices-table";
import { CreatePriceDialog } from "./create-price-dialog";

export const metadata: Metadata = { title: "Prices" };

export default async function PricesPage() {
  const actor = await pageActor();
  if (!can(actor, "price:read")) return <AccessDenied area="Prices" />;
  const prices = await db.modelPrice.findMany({
    where: { orgId: actor.orgId },
    orderBy: [{ provider: "asc" }, { model: "asc" }, { effectiveFrom: "desc" }],
  });
  const now = new Date();
  const rows: PriceRow[] = prices.map((p) => ({
    status: p.effectiveFrom > now ? "scheduled" : p.effectiveTo && p.effectiveTo <= now ? "ended" : "in force",
    id: p.id,
    provider: p.provider,
    model: p.model,
    input: p.inputMicrosPerMTok,
    output: p.outputMicrosPerMTok,
    cachedInput: p.cachedInputMicrosPerMTok,
    maxOutputTokens: p.maxOutputTokens,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: p.effectiveTo,
  }));

  return (
    <>
      <PageHeader
        title="Prices"
        description="What each model costs, in USD per million tokens. Requests for a model with no price are denied unless the org sets a fallback price."
        actions={can(actor, "price:update") ? <CreatePriceDialog /> : undefined}
      />
      <PricesTable
        rows={rows}
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
