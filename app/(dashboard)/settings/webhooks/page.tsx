import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { listWebhooks } from "@/lib/webhooks/manage-webhooks";
import { serializeDelivery } from "@/lib/webhooks/serialize-webhook";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { CreateWebhookDialog } from "./create-webhook-dialog";
import { WebhooksTable } from "./webhooks-table";
import { DeliveriesTable, type DeliveryRow } from "./deliveries-table";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const actor = await pageActor();
  if (!can(actor, "webhook:manage")) return <AccessDenied area="Webhooks" />;
  const [hooks, deliveries] = await Promise.all([
    listWebhooks(actor, { limit: 200 }),
    db.webhookDelivery.findMany({
      where: { webhook: { orgId: actor.orgId } },
      include: { webhook: { select: { url: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 200,
    }),
  ]);
  const rows: DeliveryRow[] = deliveries.map((d) => ({ ...serializeDelivery(d), url: d.webhook.url }));

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings" className="text-accent underline underline-offset-4">
          Settings
        </Link>{" "}
        <span aria-hidden="true">›</span> Webhooks
      </p>
      <PageHeader
        title="Webhooks"
        description="Alerts are POSTed to these endpoints as they are raised, signed with HMAC-SHA256 and retried with backoff until they are delivered."
        actions={<CreateWebhookDialog />}
      />
      <div className="space-y-10">
        <WebhooksTable
          rows={hooks.items}
          empty={
            <EmptyState title="No webhooks yet">
              <p>
                Add an endpoint with “New webhook”. Each delivery carries{" "}
                <code className="font-mono whitespace-nowrap text-ink">Purser-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</code>: the HMAC-SHA256 of{" "}
                <code className="font-mono text-ink">{"${t}.${body}"}</code> with the endpoint’s secret. Reject old timestamps to stop replays.
              </p>
            </EmptyState>
          }
        />
        <section aria-labelledby="deliveries-heading">
          <h2 id="deliveries-heading" className="mb-1 text-base font-semibold">
            Delivery log
          </h2>
          <p className="mb-3 text-sm text-ink-muted">The latest 200 deliveries: status, attempts and the endpoint’s last response.</p>
          <DeliveriesTable rows={rows} />
        </section>
      </div>
    </>
  );
}
