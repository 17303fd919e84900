import type { AlertType } from "@/lib/schemas/alert";
import { ALERT_TYPES } from "@/lib/schemas/alert";
import type { DeliveryOut, WebhookOut } from "@/lib/schemas/webhook";

type WebhookRow = { id: string; url: string; events: unknown; format: string; enabled: boolean; createdAt: Date; updatedAt: Date };

export function eventsOf(events: unknown): AlertType[] {
  return Array.isArray(events) ? events.filter((e): e is AlertType => (ALERT_TYPES as readonly string[]).includes(e as string)) : [];
}

/** An empty list means "every alert type". */
export function wantsEvent(events: unknown, type: string): boolean {
  const list = eventsOf(events);
  return list.length === 0 || (list as string[]).includes(type);
}

export function serializeWebhook(w: WebhookRow): WebhookOut {
  return {
    id: w.id,
    url: w.url,
    events: eventsOf(w.events),
    format: w.format === "slack" ? "slack" : "json",
    enabled: w.enabled,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

type DeliveryRow = {
  id: string;
  webhookId: string;
  alertId: string | null;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

export function serializeDelivery(d: DeliveryRow): DeliveryOut {
  return {
    id: d.id,
    webhookId: d.webhookId,
    alertId: d.alertId,
    event: d.event,
    status: d.status as DeliveryOut["status"],
    attempts: d.attempts,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
