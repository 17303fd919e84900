import { withApi } from "@/lib/api/with-api";
import { getTeam } from "@/lib/teams/get-team";
import { updateTeam } from "@/lib/teams/update-team";
import { deleteTeam } from "@/lib/teams/delete-team";
import { updateTeamSchema } from "@/lib/schemas/team";

export const GET = withApi({ permission: "team:read" }, ({ actor, params }) => getTeam(actor, params.id));
export const PATCH = withApi({ permission: "team:update", body: updateTeamSchema }, ({ actor, params, body }) =>
  updateTeam(actor, params.id, body),
);
export const DELETE = withApi({ permission: "team:delete" }, ({ actor, params }) => deleteTeam(actor, params.id));
