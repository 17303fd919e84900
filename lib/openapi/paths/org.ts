import { orgSchema, updateOrgSchema } from "@/lib/schemas/org";
import { errors, jsonBody, jsonResponse, op, type PathRegistrar } from "../registry";

export const registerOrgPaths: PathRegistrar = (r) => {
  op(r, {
    method: "get", path: "/api/v1/org", tags: ["Organization"], summary: "The caller's organization",
    responses: { 200: jsonResponse(orgSchema, "The organization."), ...errors() },
  });
  op(r, {
    method: "patch", path: "/api/v1/org", tags: ["Organization"], summary: "Change name, time zone and enforcement policy",
    description: "Owners and admins. Bumps the policy version, so enforcement reloads within a second.",
    request: { body: jsonBody(updateOrgSchema) },
    responses: { 200: jsonResponse(orgSchema, "The updated organization."), ...errors(400) },
  });
};
