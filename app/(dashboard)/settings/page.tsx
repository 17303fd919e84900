import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { getOrg } from "@/lib/org/get-org";
import { listApiTokens } from "@/lib/tokens/api-tokens";
import { listGatewayTokens } from "@/lib/tokens/gateway-tokens";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { Card, CardTitle } from "@/components/ui/card";
import { OrgSettingsForm } from "./org-settings-form";
import { ApiTokensTable, GatewayTokensTable } from "./tokens-table";
import { CreateTokenDialog } from "./create-token-dialog";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await pageActor();
  if (!can(actor, "org:update")) return <AccessDenied area="Settings" />;
  const canTokens = can(actor, "token:manage");
  const [org, gateways, apiTokens] = await Promise.all([
    getOrg(actor),
    canTokens ? listGatewayTokens(actor, { limit: 200 }) : null,
    canTokens ? listApiTokens(actor, { limit: 200 }) : null,
  ]);

  return (
    <>
      <PageHeader title="Settings" description="Your organization, how enforcement behaves, and the tokens machines use to talk to Purser." />
      <div className="space-y-8">
        <Card aria-labelledby="org-heading">
          <CardTitle id="org-heading">Organization</CardTitle>
          <div className="mt-4">
            <OrgSettingsForm org={org} zones={Intl.supportedValuesOf("timeZone")} />
          </div>
        </Card>
        {gateways && apiTokens && (
          <>
            <section aria-labelledby="gw-heading">
              <div className="mb-3 flex items-end justify-between gap-4">
                <div>
                  <h2 id="gw-heading" className="text-base font-semibold">Gateway tokens</h2>
                  <p className="text-sm text-ink-muted">Gateways send one in <code className="font-mono">Authorization: Bearer …</code> on /api/authorize and /api/usage.</p>
                </div>
                <CreateTokenDialog kind="gateway" />
              </div>
              <GatewayTokensTable rows={gateways.items} />
            </section>
            <section aria-labelledby="adm-heading" className="pb-2">
              <div className="mb-3 flex items-end justify-between gap-4">
                <div>
                  <h2 id="adm-heading" className="text-base font-semibold">Admin API tokens</h2>
                  <p className="text-sm text-ink-muted">Scripts use one on /api/v1 with the token’s role (admin or finance).</p>
                </div>
                <CreateTokenDialog kind="api" />
              </div>
              <ApiTokensTable rows={apiTokens.items} />
            </section>
          </>
        )}
        {can(actor, "webhook:manage") && (
          <Card aria-labelledby="wh-heading">
            <CardTitle id="wh-heading">Webhooks</CardTitle>
            <p className="mt-1 text-sm text-ink-muted">Alerts are POSTed, signed with HMAC-SHA256, to the endpoints you register, with a delivery log.</p>
            <Link href="/settings/webhooks" className="mt-3 inline-block text-sm font-medium text-accent underline underline-offset-4">
              Manage webhooks
            </Link>
          </Card>
        )}
      </div>
    </>
  );
}
