"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createPriceSchema, updatePriceSchema, type PriceOut } from "@/lib/schemas/price";
import type { ActionResult } from "@/lib/api/with-action";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormActions } from "@/components/ui/form-actions";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DateTimeText } from "@/components/ui/time-zone";
import { useToast } from "@/components/ui/toast";
import { createPriceAction, updatePriceAction } from "./actions";
import { priceDefaults, toCreatePriceInput, toUpdatePriceInput, type PriceFormSource, type PriceFormValues } from "./price-form-values";

/** A stored price as the edit form shows it. */
export type EditablePrice = PriceFormSource & { id: string; status: string; effectiveFrom: Date; effectiveTo: Date | null };

type Props = { mode: "create" } | { mode: "edit"; price: EditablePrice };

/**
 * "New price" (takes effect now, ends the one before it) and "Edit" (corrects a row in place) share
 * one form; only a new price names its provider and model.
 */
export function PriceDialog(props: Props) {
  const [open, setOpen] = useState(false);
  const price = props.mode === "edit" ? props.price : null;
  const name = price ? `${price.provider}/${price.model}` : "";
  return (
    <>
      {price ? (
        <Button variant="ghost" size="sm" aria-label={`Edit price ${name} (${price.status})`} onClick={() => setOpen(true)}>
          Edit
        </Button>
      ) : (
        <Button onClick={() => setOpen(true)}>New price</Button>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={price ? `Edit price for ${name}` : "New model price"}
        description={
          price
            ? "Corrects this price in place for requests priced from now on; spend already recorded keeps its cost. To change a price from a date on, add a new price instead."
            : "Takes effect now. A model that already has a price keeps its history: the old price ends where this one starts."
        }
      >
        <PriceForm price={price} onDone={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function PriceForm({ price, onDone }: { price: EditablePrice | null; onDone: () => void }) {
  const router = useRouter();
  const { toast } = useToast();
  const { form, submit, formError, submitting } = useActionForm<PriceFormValues, unknown, PriceOut>({
    schema: price ? updatePriceSchema : createPriceSchema,
    toInput: price ? toUpdatePriceInput : toCreatePriceInput,
    action: (input) =>
      (price
        ? updatePriceAction(price.id, input as ReturnType<typeof toUpdatePriceInput>)
        : createPriceAction(input as ReturnType<typeof toCreatePriceInput>)) as Promise<ActionResult<PriceOut>>,
    defaultValues: priceDefaults(price),
    onSuccess: (p) => {
      toast(`Price for ${p.provider}/${p.model} ${price ? "updated" : "saved"}`);
      onDone();
      router.refresh();
    },
  });
  const err = form.formState.errors;
  const id = price ? "edit-price" : "new-price";
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormError message={formError} />
      {price && (
        <p className="text-sm text-ink-muted" data-testid="price-effective">
          Effective from <DateTimeText value={price.effectiveFrom} /> until{" "}
          {price.effectiveTo ? <DateTimeText value={price.effectiveTo} /> : "further notice"} ({price.status}).
        </p>
      )}
      <div className="grid grid-cols-2 gap-4">
        {!price && (
          <>
            <Field id={`${id}-provider`} label="Provider" error={err.provider?.message} hint="e.g. openai">
              <Input autoComplete="off" {...form.register("provider")} />
            </Field>
            <Field id={`${id}-model`} label="Model" error={err.model?.message} hint="e.g. gpt-4o">
              <Input autoComplete="off" {...form.register("model")} />
            </Field>
          </>
        )}
        <Field id={`${id}-input`} label="Input (USD / MTok)" error={err.inputUsdPerMTok?.message}>
          <Input inputMode="decimal" autoComplete="off" {...form.register("inputUsdPerMTok")} />
        </Field>
        <Field id={`${id}-output`} label="Output (USD / MTok)" error={err.outputUsdPerMTok?.message}>
          <Input inputMode="decimal" autoComplete="off" {...form.register("outputUsdPerMTok")} />
        </Field>
        <Field id={`${id}-cached`} label="Cached input (USD / MTok)" error={err.cachedInputUsdPerMTok?.message} hint="Empty: billed at the input price.">
          <Input inputMode="decimal" autoComplete="off" {...form.register("cachedInputUsdPerMTok")} />
        </Field>
        <Field id={`${id}-cache-write`} label="Cache write (USD / MTok)" error={err.cacheWriteUsdPerMTok?.message} hint="Empty: billed at the input price.">
          <Input inputMode="decimal" autoComplete="off" {...form.register("cacheWriteUsdPerMTok")} />
        </Field>
        <Field id={`${id}-max-out`} label="Max output tokens" error={err.maxOutputTokens?.message} hint="Used when a request gives no maximum.">
          <Input inputMode="numeric" autoComplete="off" {...form.register("maxOutputTokens")} />
        </Field>
        <Field id={`${id}-source`} label="Source (optional)" error={err.source?.message} hint="Where the price comes from, e.g. the provider's pricing page.">
          <Input autoComplete="off" {...form.register("source")} />
        </Field>
      </div>
      <FormActions onCancel={onDone} submitting={submitting} submitLabel={price ? "Save changes" : "Save price"} pendingLabel="Saving…" />
    </form>
  );
}
