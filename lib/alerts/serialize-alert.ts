import type { AlertOut, AlertType } from "@/lib/schemas/alert";

type AlertRow = {
  id: string;
  type: string;
  level: string | null;
  budgetId: string | null;
  apiKeyId: string | null;
  threshold: number | null;
  windowStart: Date | null;
  message: string;
  data: unknown;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  createdAt: Date;
  budget?: { name: string } | null;
};

export function serializeAlert(a: AlertRow): AlertOut {
  return {
    id: a.id,
    type: a.type as AlertType,
    level: (a.level as AlertOut["level"]) ?? null,
    budgetId: a.budgetId,
    budgetName: a.budget?.name ?? null,
    apiKeyId: a.apiKeyId,
    threshold: a.threshold,
    windowStart: a.windowStart?.toISOString() ?? null,
    message: a.message,
    data: a.data && typeof a.data === "object" && !Array.isArray(a.data) ? (a.data as Record<string, unknown>) : null,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedById: a.acknowledgedById,
    createdAt: a.createdAt.toISOString(),
  };
}
