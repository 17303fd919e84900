import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/users/list-users";
import { listTeams } from "@/lib/teams/list-teams";
import { pageActor } from "@/components/auth/page-actor";
import { AccessDenied } from "@/components/auth/access-denied";
import { canSeeArea, navItemFor } from "@/components/nav/nav-items";
import { PageHeader } from "@/components/ui/page-header";
import { UsersTable, type UserRow } from "./users-table";
import { UserFormDialog } from "./user-form-dialog";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await pageActor();
  if (!canSeeArea(actor, navItemFor("/users"))) return <AccessDenied area="Users" />;
  const [users, teams] = await Promise.all([listUsers(actor, { limit: 200 }), listTeams(actor, { limit: 200 })]);
  const teamOptions = teams.items.map((t) => ({ id: t.id, name: t.name })).sort((a, b) => a.name.localeCompare(b.name));
  const rows: UserRow[] = users.items.map((u) => ({
    ...u,
    // Nobody disables or demotes themselves by accident from this table.
    canManage: u.id !== actor.userId && can(actor, "user:manage", { teamId: u.teamId }),
  }));

  return (
    <>
      <PageHeader
        title="Users"
        description="People who sign in to Purser, their role and their team."
        actions={can(actor, "user:manage") ? <UserFormDialog mode="create" teams={teamOptions} actorRole={actor.role} /> : undefined}
      />
      <UsersTable rows={rows} teams={teamOptions} actorRole={actor.role} />
    </>
  );
}
