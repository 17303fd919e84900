"use server";
// The same actions under a second import path (the user menu imports this one).
import { signInAction as signInImpl, signOutAction as signOutImpl, type SignInState } from "./sign-in-action";

export async function signInAction(prev: SignInState | undefined, formData: FormData): Promise<SignInState> {
  return signInImpl(prev, formData);
}

export async function signOutAction(): Promise<void> {
  return signOutImpl();
}
