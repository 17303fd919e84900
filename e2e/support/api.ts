import { expect, type APIRequestContext } from "@playwright/test";
import { readFileSync } from "node:fs";
import { E2E, FIXTURES_FILE } from "./env";

const auth = { Authorization: `Bearer ${E2E.adminToken}` };

/** The admin API with the bootstrap admin token: to seed data and to check what the UI did. */
export function adminApi(request: APIRequestContext) {
  async function call<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, data?: unknown, status?: number): Promise<T> {
    const res = await request.fetch(`/api/v1${path}`, { method, headers: auth, data });
    if (status !== undefined) expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(status);
    else expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
    return (await res.json()) as T;
  }
  return {
    get: <T>(path: string) => call<T>("GET", path),
    post: <T>(path: string, data: unknown) => call<T>("POST", path, data, 201),
    patch: <T>(path: string, data: unknown) => call<T>("PATCH", path, data),
    del: <T>(path: string) => call<T>("DELETE", path),
  };
}

export type Fixtures = { teams: Record<"platform" | "research", string>; users: Record<string, string> };

/** Ids the setup project created. */
export function fixtures(): Fixtures {
  return JSON.parse(readFileSync(FIXTURES_FILE, "utf8")) as Fixtures;
}

export type Item = { id: string; name?: string; [k: string]: unknown };
export type List = { items: Item[]; nextCursor: string | null };

/** A unique suffix so specs never collide with each other's data. */
export const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
