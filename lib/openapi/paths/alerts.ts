import { listOf } from "@/lib/schemas/common";
import { acknowledgeAlertsSchema, alertListQuerySchema, alertSchema } from "@/lib/schemas/alert";
import { errors, idParams, jsonBody, jsonResponse, op, type PathRegistrar } from "../registry";

export const registerAlertPaths: PathRegistrar = (r) => {
  const tags = ["Alerts"];
  op(r, {
    method: "get", path: "/api/v1/alerts", tags, summary: "List alerts",
    description:
      "Threshold, exceeded, soft-over-limit, forecast and runaway alerts, newest first. Admins and finance see every alert; a lead those of their team's budgets; a member those of their own. Filter by `type`, `level`, `budgetId` and `acknowledged`.",
    request: { query: alertListQuerySchema },
    responses: { 200: jsonResponse(listOf(alertSchema), "A page of alerts."), ...errors(400) },
  });
  op(r, {
    method: "get", path: "/api/v1/alerts/{id}", tags, summary: "Get an alert",
    request: { params: idParams },
    responses: { 200: jsonResponse(alertSchema, "The alert."), ...errors(404) },
  });
  op(r, {
    method: "post", path: "/api/v1/alerts/{id}/acknowledge", tags, summary: "Acknowledge an alert",
    description: "Idempotent: an alert keeps its first acknowledgement. Recorded in the audit log.",
    request: { params: idParams },
    responses: { 200: jsonResponse(alertSchema, "The acknowledged alert."), ...errors(404) },
  });
  op(r, {
    method: "post", path: "/api/v1/alerts/acknowledge", tags, summary: "Acknowledge several alerts",
    description: "All or nothing: any id the caller cannot see answers 404 and nothing is acknowledged.",
    request: { body: jsonBody(acknowledgeAlertsSchema) },
    responses: { 200: jsonResponse(listOf(alertSchema), "The alerts, acknowledged."), ...errors(400, 404) },
  });
};
