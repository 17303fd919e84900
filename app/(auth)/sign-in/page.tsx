import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  if (await getActor()) redirect("/");
  const { callbackUrl } = await searchParams;
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <p className="mb-1 text-center text-2xl font-semibold tracking-tight text-ink">Purser</p>
        <p className="mb-8 text-center text-sm text-ink-muted">The control plane for your AI spend</p>
        <div className="rounded-lg border border-line bg-paper p-6 shadow-sm">
          <h1 className="mb-5 text-lg font-semibold text-ink">Sign in</h1>
          <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
        </div>
      </div>
    </main>
  );
}
