// The two ways the enforcement API is served: the production fast path on a real socket, and the
// Next route handlers called as functions. One contract suite runs against both.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleFastPath } from "../http/fast-path";
import { POST as authorizeRoute } from "@/app/api/authorize/route";
import { POST as usageRoute } from "@/app/api/usage/route";

export type Reply = { status: number; headers: Headers; body: any };
export type Target = {
  name: string;
  authorize(token: string | null, body: unknown): Promise<Reply>;
  usage(token: string | null, body: unknown): Promise<Reply>;
  close(): Promise<void>;
};

const init = (token: string | null, body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(token !== null ? { authorization: `Bearer ${token}` } : {}) },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

export async function startFastPathServer(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((req, res) => {
    if (!handleFastPath(req, res)) res.writeHead(404).end();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function fastPathTarget(): Promise<Target> {
  const { server, url } = await startFastPathServer();
  return {
    name: "fast path",
    authorize: async (t, b) => reply(await fetch(`${url}/api/authorize`, init(t, b))),
    usage: async (t, b) => reply(await fetch(`${url}/api/usage`, init(t, b))),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export function routeTarget(): Target {
  return {
    name: "route handlers",
    authorize: async (t, b) => reply(await authorizeRoute(new Request("http://local/api/authorize", init(t, b)))),
    usage: async (t, b) => reply(await usageRoute(new Request("http://local/api/usage", init(t, b)))),
    close: async () => undefined,
  };
}
