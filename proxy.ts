import { NextResponse, type NextRequest } from "next/server";

// Auth.js session cookie names (the __Secure- variant is used over HTTPS).
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * Only redirects: a request without a session cookie goes to /sign-in. This is an optimistic check;
 * every page, server action and route handler verifies the session and permissions itself.
 */
export function proxy(request: NextRequest) {
  // Large sessions are split into chunks named `<cookie>.0`, `<cookie>.1`, ...
  const hasSession = request.cookies
    .getAll()
    .some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  const callbackUrl = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = "/sign-in";
  url.search = callbackUrl === "/" ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Not the sign-in page, APIs (they answer 401 themselves), Next internals or static files.
  matcher: ["/((?!sign-in|api/|_next/|favicon.ico|.*\\.(?:svg|png|jpg|ico|txt|woff2?)$).*)"],
};
