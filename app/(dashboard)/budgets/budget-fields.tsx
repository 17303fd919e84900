"use client";

import type { FieldError, UseFormReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { BudgetFormValues } from "./budget-form-values";

/** First message of a field error, including array items (alertThresholds.1). */
function msg(e: unknown): string | undefined {
  if (!e || typeof e !== "object") return undefined;
  const err = e as FieldError & Record<string, unknown>;
  if (typeof err.message === "string") return err.message;
  for (const v of Object.values(err)) {
    const m = msg(v);
    if (m) return m;
  }
  return undefined;
}

export function BudgetFields({ form }: { form: UseFormReturn<BudgetFormValues> }) {
  const err = form.formState.errors;
  const period = form.watch("period");
  return (
    <>
      <Field id="budget-name" label="Name" error={msg(err.name)}>
        <Input autoComplete="off" {...form.register("name")} />
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field id="budget-limit" label="Limit (USD per window)" error={msg(err.limitUsd)} hint="Up to 6 decimals.">
          <Input inputMode="decimal" autoComplete="off" {...form.register("limitUsd")} />
        </Field>
        <Field id="budget-enforcement" label="Enforcement" error={msg(err.enforcement)} hint="Hard denies; soft alerts and lets it run.">
          <Select {...form.register("enforcement")}>
            <option value="hard">Hard (deny)</option>
            <option value="soft">Soft (alert only)</option>
          </Select>
        </Field>
      </div>
      <div className="grid grid-cols-3 gap-4">
        <Field id="budget-period" label="Period" error={msg(err.period)}>
          <Select {...form.register("period")}>
            <option value="daily">Daily</option>
            <option value="weekly">Weekly (ISO, Monday)</option>
            <option value="monthly">Monthly</option>
            <option value="custom">Custom</option>
          </Select>
        </Field>
        {period === "custom" && (
          <>
            <Field id="budget-every" label="Every" error={msg(err.customPeriod?.every) ?? msg(err.customPeriod)}>
              <Input inputMode="numeric" {...form.register("customPeriod.every")} />
            </Field>
            <Field id="budget-unit" label="Unit" error={msg(err.customPeriod?.unit)}>
              <Select {...form.register("customPeriod.unit")}>
                <option value="hours">hours</option>
                <option value="days">days</option>
              </Select>
            </Field>
          </>
        )}
      </div>
      <div className="grid grid-cols-2 gap-4">
        <Field id="budget-thresholds" label="Alert thresholds (%)" error={msg(err.alertThresholds)} hint="Comma-separated, e.g. 50, 80, 100.">
          <Input autoComplete="off" {...form.register("alertThresholds")} />
        </Field>
        <Field id="budget-cooldown" label="Alert cooldown (minutes)" error={msg(err.alertCooldownMinutes)} hint="Between repeated “still over” alerts.">
          <Input inputMode="numeric" {...form.register("alertCooldownMinutes")} />
        </Field>
      </div>
      <fieldset className="rounded-md border border-line p-3">
        <legend className="px-1 text-sm font-medium">Count only requests matching (optional)</legend>
        <div className="grid grid-cols-3 gap-3">
          <Field id="budget-filter-model" label="Model" error={msg(err.filters?.model)}>
            <Input autoComplete="off" placeholder="gpt-4o" {...form.register("filters.model")} />
          </Field>
          <Field id="budget-filter-provider" label="Provider" error={msg(err.filters?.provider)}>
            <Input autoComplete="off" placeholder="openai" {...form.register("filters.provider")} />
          </Field>
          <Field id="budget-filter-tag" label="Tag" error={msg(err.filters?.tag)}>
            <Input autoComplete="off" placeholder="feature=bot" {...form.register("filters.tag")} />
          </Field>
        </div>
      </fieldset>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5 h-4 w-4" {...form.register("shadow")} />
        <span>
          <span className="font-medium">Shadow</span> — evaluate and record “would have denied” counts, never block. Try a
          limit before enforcing it.
        </span>
      </label>
    </>
  );
}
