/** The readable reference of the admin API (served by the API routes). */
export const API_DOCS_HREF = "/api/v1/docs";

/** A link to one operation of the reference, e.g. apiDocsHref("post", "/api/v1/keys"). */
export function apiDocsHref(method: "get" | "post" | "patch" | "delete", path: string): string {
  return `${API_DOCS_HREF}#${`${method}-${path}`.replace(/[^a-z0-9]+/gi, "-")}`;
}
