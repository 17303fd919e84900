// What a webhook receives. JSON (default): a stable envelope with the alert. Slack: an incoming-webhook
// message (`text` plus one mrkdwn block), so a Slack URL can be pasted as is.
import type { AlertOut } from "@/lib/schemas/alert";

export type Envelope = {
  id: string;
  event: string;
  createdAt: string;
  orgId: string;
  alert: AlertOut | null;
  test?: true;
};

const TITLES: Record<string, string> = {
  threshold: "Budget threshold reached",
  exceeded: "Budget exceeded",
  soft_exceeded: "Soft budget over its limit",
  forecast: "Budget forecast to be exceeded",
  runaway: "Runaway spend",
  test: "Test delivery",
};

export function eventName(type: string): string {
  return type === "test" ? "test" : `alert.${type}`;
}

export function jsonPayload(e: Envelope): string {
  return JSON.stringify(e);
}

export function slackPayload(e: Envelope, dashboardUrl?: string): string {
  const type = e.alert?.type ?? "test";
  const title = TITLES[type] ?? "Purser alert";
  const message = e.alert?.message ?? "Purser can reach this endpoint. Alerts will arrive like this one.";
  const link = dashboardUrl ? ` <${dashboardUrl}/alerts|Open alerts>` : "";
  return JSON.stringify({
    text: `${title}: ${message}`,
    blocks: [{ type: "section", text: { type: "mrkdwn", text: `*${title}*\n${message}${link}` } }],
  });
}

export function renderPayload(format: "json" | "slack", e: Envelope): string {
  return format === "slack" ? slackPayload(e, process.env.PURSER_PUBLIC_URL) : jsonPayload(e);
}
