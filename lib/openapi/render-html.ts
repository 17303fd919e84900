// Renders the OpenAPI document as one plain, readable HTML page: operations grouped by tag, their
// parameters, bodies and responses, and every schema as a field table. No client script.
type Json = Record<string, unknown>;
type SchemaObj = Json & { $ref?: string; type?: string | string[]; properties?: Record<string, SchemaObj>; required?: string[]; items?: SchemaObj; enum?: unknown[]; anyOf?: SchemaObj[]; oneOf?: SchemaObj[] };

const esc = (s: unknown) =>
  String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const code = (s: string) => `<code>${esc(s)}</code>`;
const md = (s: unknown) => esc(s).replace(/`([^`]+)`/g, "<code>$1</code>");
const refName = (ref: string) => ref.split("/").pop()!;
const anchor = (name: string) => `schema-${name}`;

export function typeOf(s: SchemaObj | undefined): string {
  if (!s) return "any";
  if (s.$ref) return `<a href="#${anchor(refName(s.$ref))}">${esc(refName(s.$ref))}</a>`;
  if (s.enum) return s.enum.map((v) => code(JSON.stringify(v))).join(" | ");
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map(typeOf).join(" | ");
  const types = Array.isArray(s.type) ? s.type : [s.type ?? "object"];
  return types
    .map((t) => (t === "array" ? `${typeOf(s.items)}[]` : esc(t) + (s.format ? ` (${esc(s.format)})` : "")))
    .join(" | ");
}

function constraints(s: SchemaObj): string {
  const parts: string[] = [];
  const add = (label: string, key: string) => s[key] !== undefined && parts.push(`${label} ${esc(s[key])}`);
  add("min", "minimum");
  add("max", "maximum");
  add("min length", "minLength");
  add("max length", "maxLength");
  add("max items", "maxItems");
  if (s.pattern) parts.push(`pattern ${code(String(s.pattern))}`);
  if (s.description) parts.push(md(s.description));
  return parts.join("; ");
}

function fieldTable(s: SchemaObj): string {
  if (!s.properties) return `<p>${typeOf(s)}</p>`;
  const required = new Set(s.required ?? []);
  const rows = Object.entries(s.properties).map(
    ([name, p]) => `<tr><td>${code(name)}${required.has(name) ? "" : " <small>optional</small>"}</td><td>${typeOf(p)}</td><td>${constraints(p)}</td></tr>`,
  );
  const closed = s.additionalProperties === false ? "<p><small>Unknown fields are rejected (400).</small></p>" : "";
  return `<table><thead><tr><th>field</th><th>type</th><th>rules</th></tr></thead><tbody>${rows.join("")}</tbody></table>${closed}`;
}

function contentSchema(content: unknown): SchemaObj | undefined {
  return (content as { "application/json"?: { schema?: SchemaObj } } | undefined)?.["application/json"]?.schema;
}

function operation(method: string, path: string, op: Json, schemas: Record<string, SchemaObj>): string {
  const params = (op.parameters as (Json & { schema?: SchemaObj })[] | undefined) ?? [];
  const body = contentSchema((op.requestBody as Json | undefined)?.content);
  const responses = Object.entries((op.responses as Record<string, Json>) ?? {});
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, "-");
  return `<section class="op" id="${id}">
    <h3><span class="m m-${method}">${method.toUpperCase()}</span> ${code(path)}</h3>
    <p><strong>${md(op.summary)}</strong></p>${op.description ? `<p>${md(op.description)}</p>` : ""}
    ${params.length ? `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>type</th><th>rules</th></tr></thead><tbody>${params
      .map((p) => `<tr><td>${code(String(p.name))}${p.required ? "" : " <small>optional</small>"}</td><td>${esc(p.in)}</td><td>${typeOf(p.schema)}</td><td>${p.schema ? constraints(p.schema) : ""}</td></tr>`)
      .join("")}</tbody></table>` : ""}
    ${body ? `<h4>Body</h4>${body.$ref ? `<p>${typeOf(body)}</p>${fieldTable(schemas[refName(body.$ref)] ?? {})}` : fieldTable(body)}` : ""}
    <h4>Responses</h4><ul>${responses
      .map(([status, r]) => {
        const schema = contentSchema(r.content);
        return `<li>${code(status)} ${md(r.description)}${schema ? ` — ${typeOf(schema)}` : ""}</li>`;
      })
      .join("")}</ul>
  </section>`;
}

export function renderApiReference(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, SchemaObj>;
  const byTag = new Map<string, string[]>();
  const toc = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = ((op.tags as string[] | undefined) ?? ["Other"])[0];
      if (!byTag.has(tag)) (byTag.set(tag, []), toc.set(tag, []));
      byTag.get(tag)!.push(operation(method, path, op, schemas));
      toc.get(tag)!.push(`<li><a href="#${`${method}-${path}`.replace(/[^a-z0-9]+/gi, "-")}">${method.toUpperCase()} ${esc(path)}</a></li>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} reference</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1c1917;background:#fafaf9}main{max-width:980px;margin:0 auto;padding:24px}
nav{font-size:13px}nav ul{columns:2;margin:4px 0}h2{border-bottom:1px solid #d6d3d1;padding-bottom:4px;margin-top:40px}
.op{background:#fff;border:1px solid #e7e5e4;border-radius:8px;padding:4px 16px 8px;margin:16px 0}
.m{display:inline-block;min-width:64px;font-size:12px;font-weight:700;padding:2px 6px;border-radius:4px;color:#fff;text-align:center}
.m-get{background:#2563eb}.m-post{background:#16a34a}.m-patch{background:#d97706}.m-put{background:#d97706}.m-delete{background:#dc2626}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e7e5e4;text-align:left;padding:4px 8px;vertical-align:top}
code{background:#f5f5f4;padding:1px 4px;border-radius:3px;font-size:13px}a{color:#1d4ed8}
</style></head><body><main>
<h1>${esc(info.title)}</h1><p>${md(info.description)}</p>
<p>Authenticate with <code>Authorization: Bearer &lt;admin API token&gt;</code> (or the dashboard session). Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
${[...toc].map(([tag, items]) => `<h3>${esc(tag)}</h3><nav><ul>${items.join("")}</ul></nav>`).join("")}
${[...byTag].map(([tag, ops]) => `<h2>${esc(tag)}</h2>${ops.join("")}`).join("")}
<h2>Schemas</h2>${Object.entries(schemas).map(([name, s]) => `<section class="op" id="${anchor(name)}"><h3>${esc(name)}</h3>${fieldTable(s)}</section>`).join("")}
</main></body></html>`;
}
