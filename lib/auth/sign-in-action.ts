export { signInAction, signOutAction, type SignInState } from "./actions";
