import { z } from "zod";
import { listOf, listQuerySchema } from "@/lib/schemas/common";
import { createdWebhookSchema, createWebhookSchema, deliverySchema, updateWebhookSchema, webhookSchema } from "@/lib/schemas/webhook";
import { errors, idParams, jsonBody, jsonResponse, op, type PathRegistrar } from "../registry";

const SIGNING =
  "Each delivery is a POST with the JSON body (or a Slack message when `format` is `slack`) and the headers `Purser-Event`, `Purser-Delivery` (stable across retries: deduplicate on it) and `Purser-Signature: t=<unix seconds>,v1=<hex>`, where v1 is the HMAC-SHA256 of `${t}.${raw body}` with the endpoint's secret. Reject signatures whose t is more than 5 minutes old. Non-2xx answers (except other 4xx) and timeouts are retried with exponential backoff, up to 8 attempts.";

export const registerWebhookPaths: PathRegistrar = (r) => {
  const tags = ["Webhooks"];
  op(r, {
    method: "get", path: "/api/v1/webhooks", tags, summary: "List webhook endpoints",
    description: "Owners and admins only.",
    request: { query: listQuerySchema },
    responses: { 200: jsonResponse(listOf(webhookSchema), "A page of endpoints (never their secrets)."), ...errors(400, 403) },
  });
  op(r, {
    method: "post", path: "/api/v1/webhooks", tags, summary: "Add a webhook endpoint",
    description: `The answer carries the signing secret in \`secret\`, this once. ${SIGNING}`,
    request: { body: jsonBody(createWebhookSchema) },
    responses: { 201: jsonResponse(createdWebhookSchema, "The endpoint with its signing secret."), ...errors(400, 403) },
  });
  op(r, {
    method: "get", path: "/api/v1/webhooks/{id}", tags, summary: "Get a webhook endpoint",
    request: { params: idParams },
    responses: { 200: jsonResponse(webhookSchema, "The endpoint."), ...errors(403, 404) },
  });
  op(r, {
    method: "patch", path: "/api/v1/webhooks/{id}", tags, summary: "Change the URL, events or format; enable or disable",
    request: { params: idParams, body: jsonBody(updateWebhookSchema) },
    responses: { 200: jsonResponse(webhookSchema, "The updated endpoint."), ...errors(400, 403, 404) },
  });
  op(r, {
    method: "delete", path: "/api/v1/webhooks/{id}", tags, summary: "Delete a webhook endpoint and its delivery log",
    request: { params: idParams },
    responses: { 200: jsonResponse(z.object({ id: z.string(), deleted: z.literal(true) }), "Deleted."), ...errors(403, 404) },
  });
  op(r, {
    method: "post", path: "/api/v1/webhooks/{id}/test", tags, summary: "Send a signed test delivery now",
    request: { params: idParams },
    responses: { 200: jsonResponse(deliverySchema, "The test delivery and its outcome."), ...errors(403, 404) },
  });
  op(r, {
    method: "get", path: "/api/v1/webhooks/{id}/deliveries", tags, summary: "The endpoint's delivery log",
    request: { params: idParams, query: listQuerySchema },
    responses: { 200: jsonResponse(listOf(deliverySchema), "Deliveries, newest first: status, attempts, last response code."), ...errors(400, 403, 404) },
  });
};
