"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createPriceSchema, type CreatePriceInput } from "@/lib/schemas/price";
import { numberOrNull, useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { createPriceAction } from "./actions";

type Values = {
  provider: string;
  model: string;
  inputUsdPerMTok: string;
  outputUsdPerMTok: string;
  cachedInputUsdPerMTok: string;
  cacheWriteUsdPerMTok: string;
  maxOutputTokens: string;
};

/** A new price for a provider and model; it ends the one in force before it. */
export function CreatePriceDialog() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>New price</Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="New model price"
        description="Takes effect now. A model that already has a price keeps its history: the old price ends where this one starts.">
        <PriceForm onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function PriceForm({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const { toast } = useToast();
  const { form, submit, formError, submitting } = useActionForm<Values, CreatePriceInput, { provider: string; model: string }>({
    schema: createPriceSchema,
    toInput: (v) => ({
      provider: v.provider,
      model: v.model,
      inputUsdPerMTok: numberOrNull(v.inputUsdPerMTok) as number,
      outputUsdPerMTok: numberOrNull(v.outputUsdPerMTok) as number,
      cachedInputUsdPerMTok: numberOrNull(v.cachedInputUsdPerMTok),
      cacheWriteUsdPerMTok: numberOrNull(v.cacheWriteUsdPerMTok),
      maxOutputTokens: numberOrNull(v.maxOutputTokens) as number,
    }),
    action: createPriceAction,
    defaultValues: { provider: "", model: "", inputUsdPerMTok: "", outputUsdPerMTok: "", cachedInputUsdPerMTok: "", cacheWriteUsdPerMTok: "", maxOutputTokens: "" },
    onSuccess: (p) => {
      toast(`Price for ${p.provider}/${p.model} saved`);
      onDone();
      router.refresh();
    },
  });
  const err = form.formState.errors;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      <div className="grid grid-cols-2 gap-4">
        <Field id="price-provider" label="Provider" error={err.provider?.message} hint="e.g. openai">
          <Input autoComplete="off" {...form.register("provider")} />
        </Field>
        <Field id="price-model" label="Model" error={err.model?.message} hint="e.g. gpt-4o">
          <Input autoComplete="off" {...form.register("model")} />
        </Field>
        <Field id="price-input" label="Input (USD / MTok)" error={err.inputUsdPerMTok?.message}>
          <Input inputMode="decimal" {...form.register("inputUsdPerMTok")} />
        </Field>
        <Field id="price-output" label="Output (USD / MTok)" error={err.outputUsdPerMTok?.message}>
          <Input inputMode="decimal" {...form.register("outputUsdPerMTok")} />
        </Field>
        <Field id="price-cached" label="Cached input (USD / MTok)" error={err.cachedInputUsdPerMTok?.message} hint="Empty: billed at the input price.">
          <Input inputMode="decimal" {...form.register("cachedInputUsdPerMTok")} />
        </Field>
        <Field id="price-cache-write" label="Cache write (USD / MTok)" error={err.cacheWriteUsdPerMTok?.message} hint="Empty: billed at the input price.">
          <Input inputMode="decimal" {...form.register("cacheWriteUsdPerMTok")} />
        </Field>
        <Field id="price-max-out" label="Max output tokens" error={err.maxOutputTokens?.message} hint="Used when a request gives no maximum.">
          <Input inputMode="numeric" {...form.register("maxOutputTokens")} />
        </Field>
      </div>
      <FormActions onCancel={onDone} submitting={submitting} submitLabel="Save price" pendingLabel="Saving…" />
    </form>
  );
}
