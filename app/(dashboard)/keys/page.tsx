import type { Metadata } from "next";
import { can, reachOf } from "@/lib/auth/permissions";
import { listKeys } from "@/lib/keys/list-keys";
import { listTeams } from "@/lib/teams/list-teams";
import { listUsers } from "@/lib/users/list-users";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { apiDocsHref } from "@/components/ui/links";
import { KeysTable, type KeyRow } from "./keys-table";
import { CreateKeyDialog } from "./create-key-dialog";

export const metadata: Metadata = { title: "Keys" };

export default async function KeysPage() {
  const actor = await pageActor();
  if (!can(actor, "key:read")) return <AccessDenied area="Keys" />;
  const canCreate = can(actor, "key:create");
  const [keys, teams, users] = await Promise.all([
    listKeys(actor, { limit: 200 }),
    canCreate ? listTeams(actor, { limit: 200 }) : null,
    canCreate && can(actor, "user:read") ? listUsers(actor, { limit: 200 }) : null,
  ]);
  const rows: KeyRow[] = keys.items.map((k) => ({
    ...k,
    canRevoke: k.status !== "revoked" && can(actor, "key:revoke", { teamId: k.teamId, userId: k.userId }),
    canEdit: k.status !== "revoked" && can(actor, "key:update", { teamId: k.teamId, userId: k.userId }),
  }));
  // A member creates keys for themselves only; everyone else may pick a user or make a service key.
  const ownOnly = reachOf(actor, "key:create") === "own";
  const teamOptions = (teams?.items ?? []).map((t) => ({ id: t.id, name: t.name })).sort((a, b) => a.name.localeCompare(b.name));
  const userOptions = (users?.items ?? [])
    .filter((u) => !u.disabled && u.teamId && (!ownOnly || u.id === actor.userId))
    .map((u) => ({ id: u.id, label: `${u.name} (${u.email})`, teamId: u.teamId! }));

  return (
    <>
      <PageHeader
        title="API keys"
        description="Virtual keys your applications present to the gateway. Each belongs to a team and optionally a user; its spend counts against every budget above it."
        actions={canCreate && teamOptions.length > 0 ? <CreateKeyDialog teams={teamOptions} users={userOptions} ownOnly={ownOnly} selfId={actor.userId} /> : undefined}
      />
      <KeysTable
        rows={rows}
        empty={
          <EmptyState title="No keys yet" action={{ href: apiDocsHref("post", "/api/v1/keys"), label: "How gateways use keys" }}>
            <p>
              {canCreate
                ? teamOptions.length > 0
                  ? "Create a key with “New key” above, give its secret to your application, and have your gateway send it to POST /api/authorize."
                  : "Keys belong to a team: create a team first, then come back to create its keys."
                : "Keys you can see will be listed here."}
            </p>
          </EmptyState>
        }
      />
    </>
  );
}
