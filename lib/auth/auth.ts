// Auth.js v5: email + password (argon2id) and, when configured, one OIDC provider. JWT sessions carry
// the user's id, org, role and team; every server entry point re-reads the user (lib/auth/session.ts,
// lib/auth/authenticate.ts), so disabling a user or changing a role takes effect on the next request.
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/schemas/auth";
import { verifyCredentials } from "./verify-credentials";
import { clientIp } from "./login-throttle";
import { oidcConfigured, userForOidcProfile } from "./oidc";

export class LockedSignin extends CredentialsSignin {
  code = "locked";
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      id: "credentials",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const ip = request instanceof Request ? clientIp(request.headers) : null;
        const result = await verifyCredentials(parsed.data.email, parsed.data.password, ip);
        if (!result.ok) {
          if (result.reason === "locked") throw new LockedSignin();
          return null;
        }
        return result.user;
      },
    }),
  ];
  if (oidcConfigured()) {
    list.push({
      id: "oidc",
      name: process.env.PURSER_OIDC_NAME || "Single sign-on",
      type: "oidc",
      issuer: process.env.PURSER_OIDC_ISSUER,
      clientId: process.env.PURSER_OIDC_CLIENT_ID,
      clientSecret: process.env.PURSER_OIDC_CLIENT_SECRET,
    });
  }
  return list;
}

export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: providers(),
  logger: {
    // A wrong password is not a server error: Auth.js would print a stack for each one.
    error(error: Error & { type?: string }) {
      if (error.type === "CredentialsSignin" || error.name === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider === "credentials") return true;
      const user = await userForOidcProfile(profile);
      if (!user) return false;
      await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
      return true;
    },
    async jwt({ token, user, account }) {
      if (account && user) {
        const row = account.provider === "credentials"
          ? await db.user.findUnique({ where: { id: user.id! } })
          : await userForOidcProfile({ email: user.email });
        if (!row) return null;
        token.sub = row.id;
        token.userId = row.id;
        token.orgId = row.orgId;
        token.role = row.role;
        token.teamId = row.teamId;
        token.name = row.name;
        token.email = row.email;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        ...session.user,
        id: String(token.userId ?? token.sub ?? ""),
        email: String(token.email ?? ""),
        name: String(token.name ?? ""),
        orgId: String(token.orgId ?? ""),
        role: String(token.role ?? "member"),
        teamId: (token.teamId as string | null | undefined) ?? null,
      };
      return session;
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(authConfig);
