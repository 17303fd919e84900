"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "@/lib/auth/sign-in-action";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<SignInState | undefined, FormData>(signInAction, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <FormError message={state?.error} />
      <Field id="email" label="Email" error={state?.fieldErrors?.email?.[0]}>
        <Input name="email" type="email" autoComplete="username" required defaultValue={state?.email} autoFocus />
      </Field>
      <Field id="password" label="Password" error={state?.fieldErrors?.password?.[0]}>
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
