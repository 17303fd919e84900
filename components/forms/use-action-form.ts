"use client";

import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import type { ActionResult } from "@/lib/api/with-action";

type Options<TForm extends FieldValues, TInput, TData> = {
  /** The server's zod schema for this action: the client validates with exactly the same rules. */
  schema: z.ZodType;
  /** Form strings -> the action's input ("" -> null/undefined, "60" -> 60). Field names match the schema's. */
  toInput: (values: TForm) => TInput;
  action: (input: TInput) => Promise<ActionResult<TData>>;
  defaultValues: DefaultValues<TForm>;
  onSuccess?: (data: TData) => void;
};

/**
 * react-hook-form validated by the server's schema on the client, then the server action; server
 * field errors land under their fields, anything else in one form-level message.
 */
export function useActionForm<TForm extends FieldValues, TInput, TData>(opts: Options<TForm, TInput, TData>) {
  const { schema, toInput, action, defaultValues, onSuccess } = opts;
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TForm>({
    resolver: zodResolver(z.preprocess((v) => toInput(v as TForm), schema) as z.ZodType<unknown, FieldValues>, undefined, {
      raw: true,
    }) as unknown as Resolver<TForm>,
    defaultValues,
  });

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const result = await action(toInput(values));
    if (result.ok) {
      onSuccess?.(result.data);
      return;
    }
    let placed = false;
    for (const [path, messages] of Object.entries(result.fieldErrors ?? {})) {
      if (path in values) {
        form.setError(path as Path<TForm>, { message: messages[0] });
        placed = true;
      }
    }
    if (!placed) setFormError(result.error.message);
  });

  return { form, submit, formError, setFormError, submitting: form.formState.isSubmitting };
}

/** "" means "not given" in a form. */
export function blankToNull(v: string | undefined | null): string | null {
  return v === undefined || v === null || v.trim() === "" ? null : v.trim();
}

/** "" -> null, "60" -> 60, "abc" -> NaN (the schema reports "must be a number"). */
export function numberOrNull(v: string | undefined | null): number | null {
  const s = blankToNull(v);
  return s === null ? null : Number(s);
}
