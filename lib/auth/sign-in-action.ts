"use server";
// Sign-in and sign-out server actions for the /sign-in page and the user menu (also importable as
// "@/lib/auth/actions").
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signInSchema } from "@/lib/schemas/auth";
import { signIn, signOut } from "./auth";
import { clientIp, lockedUntil } from "./login-throttle";
import { safeCallbackUrl } from "./callback-url";

export type SignInState = {
  error?: string;
  fieldErrors?: Partial<Record<"email" | "password", string[]>>;
  email?: string;
};

function minutesUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000));
}

export async function signInAction(_prev: SignInState | undefined, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({
    email: formData.get("email") ?? "",
    password: formData.get("password") ?? "",
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "email" || field === "password") (fieldErrors[field] ??= []).push(issue.message);
    }
    return { fieldErrors, email };
  }
  const locked = await lockedUntil(parsed.data.email, clientIp(await headers()));
  if (locked) return { error: `Too many failed attempts. Try again in ${minutesUntil(locked)} minutes.`, email };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackUrl(parsed.data.callbackUrl),
    });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js errors are failures to report.
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "locked") return { error: "Too many failed attempts. Try again in 15 minutes.", email };
      return { error: "Email or password is incorrect.", email };
    }
    throw error;
  }
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
