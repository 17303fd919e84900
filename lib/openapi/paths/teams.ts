import { listOf } from "@/lib/schemas/common";
import { createTeamSchema, teamListQuerySchema, teamSchema, updateTeamSchema } from "@/lib/schemas/team";
import { errors, idParams, jsonBody, jsonResponse, op, type PathRegistrar } from "../registry";

export const registerTeamPaths: PathRegistrar = (r) => {
  const tags = ["Teams"];
  op(r, {
    method: "get", path: "/api/v1/teams", tags, summary: "List teams",
    description: "Admins and finance see every team; a lead or member sees their own.",
    request: { query: teamListQuerySchema },
    responses: { 200: jsonResponse(listOf(teamSchema), "A page of teams."), ...errors(400) },
  });
  op(r, {
    method: "post", path: "/api/v1/teams", tags, summary: "Create a team",
    request: { body: jsonBody(createTeamSchema) },
    responses: { 201: jsonResponse(teamSchema, "The created team."), ...errors(400, 409) },
  });
  op(r, {
    method: "get", path: "/api/v1/teams/{id}", tags, summary: "Get a team",
    request: { params: idParams },
    responses: { 200: jsonResponse(teamSchema, "The team."), ...errors(404) },
  });
  op(r, {
    method: "patch", path: "/api/v1/teams/{id}", tags, summary: "Rename a team",
    request: { params: idParams, body: jsonBody(updateTeamSchema) },
    responses: { 200: jsonResponse(teamSchema, "The renamed team."), ...errors(400, 404, 409) },
  });
  op(r, {
    method: "delete", path: "/api/v1/teams/{id}", tags, summary: "Delete an empty team",
    description: "Refused with 409 while the team has users or keys (revoked keys included).",
    request: { params: idParams },
    responses: { 200: { description: "Deleted." }, ...errors(404, 409) },
  });
};
