import { openApiDocument } from "@/lib/openapi/document";
import { renderApiReference } from "@/lib/openapi/render-html";

/** A readable, server-rendered reference of /api/v1, generated from the same OpenAPI document. */
export function GET() {
  return new Response(renderApiReference(openApiDocument() as unknown as Record<string, unknown>), {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=60" },
  });
}
