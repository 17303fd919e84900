import { listOf, listQuerySchema } from "@/lib/schemas/common";
import {
  apiTokenSchema, createApiTokenSchema, createdApiTokenSchema, createdGatewayTokenSchema,
  createGatewayTokenSchema, gatewayTokenSchema,
} from "@/lib/schemas/token";
import { errors, idParams, jsonBody, jsonResponse, op, type PathRegistrar } from "../registry";

export const registerTokenPaths: PathRegistrar = (r) => {
  const kinds = [
    { path: "/api/v1/gateway-tokens", tag: "Gateway tokens", what: "gateway token", schema: gatewayTokenSchema, create: createGatewayTokenSchema, created: createdGatewayTokenSchema,
      note: "Gateways send it as `Authorization: Bearer` on /api/authorize and /api/usage." },
    { path: "/api/v1/api-tokens", tag: "Admin API tokens", what: "admin API token", schema: apiTokenSchema, create: createApiTokenSchema, created: createdApiTokenSchema,
      note: "Scripts send it as `Authorization: Bearer` on /api/v1; it acts with its role (admin or finance) in the org." },
  ];
  for (const k of kinds) {
    const tags = [k.tag];
    op(r, {
      method: "get", path: k.path, tags, summary: `List ${k.what}s`, description: "Owners and admins.",
      request: { query: listQuerySchema },
      responses: { 200: jsonResponse(listOf(k.schema), `A page of ${k.what}s (never their secrets).`), ...errors(400) },
    });
    op(r, {
      method: "post", path: k.path, tags, summary: `Create a ${k.what}`,
      description: `${k.note} The answer carries the secret in \`token\`, this once.`,
      request: { body: jsonBody(k.create) },
      responses: { 201: jsonResponse(k.created, `The created ${k.what} with its secret.`), ...errors(400) },
    });
    op(r, {
      method: "delete", path: `${k.path}/{id}`, tags, summary: `Revoke a ${k.what}`,
      request: { params: idParams },
      responses: { 200: jsonResponse(k.schema, `The revoked ${k.what}.`), ...errors(404) },
    });
  }
};
