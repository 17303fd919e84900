// Form strings <-> the budget API's input. The same zod schemas validate on the client (through
// useActionForm) and on the server (in the action), so the messages are the server's.
import { microsToDecimalString } from "@/lib/money";
import type { CreateBudgetInput, UpdateBudgetInput } from "@/lib/schemas/budget";
import { blankToNull, numberOrNull } from "@/components/forms/use-action-form";
import type { BudgetView, TreeNode } from "./tree-types";

export type BudgetFormValues = {
  name: string;
  limitUsd: string;
  enforcement: "hard" | "soft";
  period: "daily" | "weekly" | "monthly" | "custom";
  customPeriod: { every: string; unit: "hours" | "days" };
  alertThresholds: string;
  alertCooldownMinutes: string;
  filters: { model: string; provider: string; tag: string };
  shadow: boolean;
  confirmOversubscribe: boolean;
};

export function defaultsFor(budget: BudgetView | null, node: TreeNode | null): BudgetFormValues {
  if (!budget) {
    return {
      name: node ? `${node.name} monthly` : "",
      limitUsd: "",
      enforcement: "hard",
      period: "monthly",
      customPeriod: { every: "6", unit: "hours" },
      alertThresholds: "80, 100",
      alertCooldownMinutes: "60",
      filters: { model: "", provider: "", tag: "" },
      shadow: false,
      confirmOversubscribe: false,
    };
  }
  return {
    name: budget.name,
    limitUsd: microsToDecimalString(budget.limitMicros),
    enforcement: budget.enforcement,
    period: budget.period,
    customPeriod: { every: String(budget.customPeriod?.every ?? 6), unit: budget.customPeriod?.unit ?? "hours" },
    alertThresholds: budget.alertThresholds.join(", "),
    alertCooldownMinutes: String(budget.alertCooldownMinutes),
    filters: { model: budget.filters.model ?? "", provider: budget.filters.provider ?? "", tag: budget.filters.tag ?? "" },
    shadow: budget.shadow,
    confirmOversubscribe: false,
  };
}

/** "80, 100" -> [80, 100]; junk stays NaN so the schema names the problem. */
export function parseThresholds(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.replace(/%$/, ""))
    .filter((s) => s !== "")
    .map(Number);
}

function common(v: BudgetFormValues) {
  return {
    name: v.name,
    limitUsd: numberOrNull(v.limitUsd) as number,
    enforcement: v.enforcement,
    alertThresholds: parseThresholds(v.alertThresholds),
    alertCooldownMinutes: numberOrNull(v.alertCooldownMinutes) as number,
    filters: { model: blankToNull(v.filters.model), provider: blankToNull(v.filters.provider), tag: blankToNull(v.filters.tag) },
    shadow: v.shadow,
    ...(v.confirmOversubscribe ? { confirmOversubscribe: true } : {}),
  };
}

const customOf = (v: BudgetFormValues) => ({ every: numberOrNull(v.customPeriod.every) as number, unit: v.customPeriod.unit });

export function toCreateInput(v: BudgetFormValues, node: TreeNode): CreateBudgetInput {
  return {
    scope: { level: node.level, id: node.entityId },
    ...common(v),
    period: v.period,
    ...(v.period === "custom" ? { customPeriod: customOf(v) } : {}),
  };
}

/**
 * The period is sent only when it changes: re-sending a custom period would restart its windows
 * from now (the server picks a new start when none is given).
 */
export function toUpdateInput(v: BudgetFormValues, budget: BudgetView): UpdateBudgetInput {
  const c = budget.customPeriod;
  const customChanged = v.period === "custom" && (!c || String(c.every) !== v.customPeriod.every.trim() || c.unit !== v.customPeriod.unit);
  const periodChanged = v.period !== budget.period || customChanged;
  return {
    ...common(v),
    ...(periodChanged ? { period: v.period, ...(v.period === "custom" ? { customPeriod: customOf(v) } : {}) } : {}),
  };
}
