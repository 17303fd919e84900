"use client";

import { useRouter } from "next/navigation";
import { updateOrgSchema, type Org } from "@/lib/schemas/org";
import { numberOrNull, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { updateOrgAction } from "./actions";

type Values = {
  name: string;
  timezone: string;
  unpricedModelPolicy: "deny" | "fallback";
  fallbackInputUsdPerMTok: string;
  fallbackOutputUsdPerMTok: string;
  failMode: "open" | "closed";
};

/** `zones` comes from the server so server and browser render the same list. */
export function OrgSettingsForm({ org, zones }: { org: Org; zones: string[] }) {
  const router = useRouter();
  const { toast } = useToast();
  const { form, submit, formError, submitting } = useActionForm<Values, Record<string, unknown>, Org>({
    schema: updateOrgSchema,
    toInput: (v) => ({
      name: v.name,
      timezone: v.timezone,
      unpricedModelPolicy: v.unpricedModelPolicy,
      // Fallback prices only matter under the fallback policy; leave the stored ones untouched otherwise.
      ...(v.unpricedModelPolicy === "fallback"
        ? { fallbackInputUsdPerMTok: numberOrNull(v.fallbackInputUsdPerMTok), fallbackOutputUsdPerMTok: numberOrNull(v.fallbackOutputUsdPerMTok) }
        : {}),
      failMode: v.failMode,
    }),
    action: (input) => updateOrgAction(input as Parameters<typeof updateOrgAction>[0]),
    defaultValues: {
      name: org.name,
      timezone: org.timezone,
      unpricedModelPolicy: org.unpricedModelPolicy,
      fallbackInputUsdPerMTok: org.fallbackInputUsdPerMTok?.toString() ?? "",
      fallbackOutputUsdPerMTok: org.fallbackOutputUsdPerMTok?.toString() ?? "",
      failMode: org.failMode,
    },
    onSuccess: () => {
      toast("Settings saved");
      router.refresh();
    },
  });
  const err = form.formState.errors;
  const fallback = form.watch("unpricedModelPolicy") === "fallback";
  return (
    <form onSubmit={submit} noValidate className="max-w-2xl space-y-4">
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="org-name" label="Organization name" error={err.name?.message}>
          <Input autoComplete="organization" {...form.register("name")} />
        </Field>
        <Field id="org-timezone" label="Time zone" error={err.timezone?.message} hint="Daily budgets reset at midnight here.">
          <Input list="org-timezones" autoComplete="off" {...form.register("timezone")} />
        </Field>
        <datalist id="org-timezones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <Field id="org-unpriced" label="Models without a price" error={err.unpricedModelPolicy?.message}>
          <Select {...form.register("unpricedModelPolicy")}>
            <option value="deny">Deny the request</option>
            <option value="fallback">Charge a fallback price</option>
          </Select>
        </Field>
        <Field id="org-failmode" label="If the counter store is unreachable" error={err.failMode?.message}>
          <Select {...form.register("failMode")}>
            <option value="closed">Fail closed: deny requests</option>
            <option value="open">Fail open: allow and record</option>
          </Select>
        </Field>
        {fallback && (
          <>
            <Field id="org-fb-in" label="Fallback input price (USD / MTok)" error={err.fallbackInputUsdPerMTok?.message}>
              <Input inputMode="decimal" {...form.register("fallbackInputUsdPerMTok")} />
            </Field>
            <Field id="org-fb-out" label="Fallback output price (USD / MTok)" error={err.fallbackOutputUsdPerMTok?.message}>
              <Input inputMode="decimal" {...form.register("fallbackOutputUsdPerMTok")} />
            </Field>
          </>
        )}
      </div>
      <Button type="submit" disabled={submitting}>
        {submitting ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
