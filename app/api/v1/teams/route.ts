import { created, withApi } from "@/lib/api/with-api";
import { listTeams } from "@/lib/teams/list-teams";
import { createTeam } from "@/lib/teams/create-team";
import { createTeamSchema, teamListQuerySchema } from "@/lib/schemas/team";

export const GET = withApi({ permission: "team:read", query: teamListQuerySchema }, ({ actor, query }) => listTeams(actor, query));
export const POST = withApi({ permission: "team:create", body: createTeamSchema }, async ({ actor, body }) =>
  created(await createTeam(actor, body)),
);
