import { listOf } from "@/lib/schemas/common";
import { createKeySchema, createdKeySchema, keyListQuerySchema, keySchema, updateKeySchema } from "@/lib/schemas/key";
import { errors, idParams, jsonBody, jsonResponse, op, type PathRegistrar } from "../registry";

export const registerKeyPaths: PathRegistrar = (r) => {
  const tags = ["Keys"];
  op(r, {
    method: "get", path: "/api/v1/keys", tags, summary: "List API keys",
    description: "Admins and finance see every key; a lead sees their team's; a member sees their own.",
    request: { query: keyListQuerySchema },
    responses: { 200: jsonResponse(listOf(keySchema), "A page of keys (never their secrets)."), ...errors(400) },
  });
  op(r, {
    method: "post", path: "/api/v1/keys", tags, summary: "Create an API key",
    description: "For a team and optionally one of its users (no user: a service key). The answer carries the secret in `key`, this once; only its SHA-256 is stored.",
    request: { body: jsonBody(createKeySchema) },
    responses: { 201: jsonResponse(createdKeySchema, "The created key with its secret."), ...errors(400, 404) },
  });
  op(r, {
    method: "get", path: "/api/v1/keys/{id}", tags, summary: "Get an API key",
    request: { params: idParams },
    responses: { 200: jsonResponse(keySchema, "The key."), ...errors(404) },
  });
  op(r, {
    method: "patch", path: "/api/v1/keys/{id}", tags, summary: "Rename, change limits or expiry, disable or enable",
    request: { params: idParams, body: jsonBody(updateKeySchema) },
    responses: { 200: jsonResponse(keySchema, "The updated key."), ...errors(400, 404, 409) },
  });
  op(r, {
    method: "delete", path: "/api/v1/keys/{id}", tags, summary: "Revoke an API key",
    description: "Revocation is permanent; the key stays listed (status `revoked`) for its spend history.",
    request: { params: idParams },
    responses: { 200: jsonResponse(keySchema, "The revoked key."), ...errors(404) },
  });
};
