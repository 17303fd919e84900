// Thin adapter for `next dev`; production serves this path from lib/enforcement/http/fast-path.ts.
import { handleAuthorize } from "@/lib/enforcement/http/handlers";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request): Promise<Response> {
  const r = await handleAuthorize(request.headers.get("authorization"), await request.text());
  return new Response(JSON.stringify(r.body), {
    status: r.status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...r.headers },
  });
}
