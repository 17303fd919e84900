import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { listTeams } from "@/lib/teams/list-teams";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { TeamsTable, type TeamRow } from "./teams-table";
import { TeamFormDialog } from "./team-form-dialog";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const actor = await pageActor();
  if (!can(actor, "team:read")) return <AccessDenied area="Teams" />;
  const { items } = await listTeams(actor, { limit: 200 });
  const rows: TeamRow[] = items.map((t) => ({
    ...t,
    canRename: can(actor, "team:update", { teamId: t.id }),
    // A team with members or live keys cannot be deleted: the server refuses, the UI says why up front.
    canDelete: can(actor, "team:delete", { teamId: t.id }),
  }));
  const canCreate = can(actor, "team:create");

  return (
    <>
      <PageHeader
        title="Teams"
        description="Teams group users and keys; each can carry its own budget."
        actions={canCreate ? <TeamFormDialog mode="create" /> : undefined}
      />
      <TeamsTable
        rows={rows}
        empty={
          <EmptyState title="No teams yet">
            <p>
              Create a team for each group that spends on AI (for example “Support bot” or “Data science”), then add its users
              and keys. {canCreate ? "Use “New team” above." : "Ask an org admin to create one."}
            </p>
          </EmptyState>
        }
      />
    </>
  );
}
