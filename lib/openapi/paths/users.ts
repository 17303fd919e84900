import { listOf } from "@/lib/schemas/common";
import { createUserSchema, updateUserSchema, userListQuerySchema, userSchema } from "@/lib/schemas/user";
import { errors, idParams, jsonBody, jsonResponse, op, type PathRegistrar } from "../registry";

export const registerUserPaths: PathRegistrar = (r) => {
  const tags = ["Users"];
  op(r, {
    method: "get", path: "/api/v1/users", tags, summary: "List users",
    description: "Admins and finance see everyone; a lead sees their team; a member sees themselves.",
    request: { query: userListQuerySchema },
    responses: { 200: jsonResponse(listOf(userSchema), "A page of users."), ...errors(400) },
  });
  op(r, {
    method: "post", path: "/api/v1/users", tags, summary: "Create a user",
    description: "Leads and members need a `teamId`. Without a password the user signs in through OIDC only. Only an owner creates owners.",
    request: { body: jsonBody(createUserSchema) },
    responses: { 201: jsonResponse(userSchema, "The created user."), ...errors(400, 404, 409) },
  });
  op(r, {
    method: "get", path: "/api/v1/users/{id}", tags, summary: "Get a user",
    request: { params: idParams },
    responses: { 200: jsonResponse(userSchema, "The user."), ...errors(404) },
  });
  op(r, {
    method: "patch", path: "/api/v1/users/{id}", tags, summary: "Change a user's name, role, team or password; disable or enable",
    description: "`{\"disabled\": true}` disables the user: they cannot sign in and their sessions stop working at once.",
    request: { params: idParams, body: jsonBody(updateUserSchema) },
    responses: { 200: jsonResponse(userSchema, "The updated user."), ...errors(400, 404, 409) },
  });
};
