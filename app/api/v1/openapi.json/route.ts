import { openApiDocument } from "@/lib/openapi/document";

// The API's description is public (it holds no data); every operation it lists needs credentials.
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=60" } });
}
