// List prices of the major providers' models, USD per million tokens, as published on each
// provider's pricing page. Decimal strings, never floats: they are parsed exactly into micro-dollars.
// `cacheWrite` is the 5-minute cache write where a provider charges for writes (Anthropic); providers
// that cache implicitly (OpenAI, Google, DeepSeek, xAI) bill writes as normal input, so it is omitted.
// `source` is the provider's own pricing page. `asOf` is the date the price was observed: for OpenAI,
// Anthropic, Google and DeepSeek on the provider's pages (or a dated transcription of them); Mistral,
// xAI and the Llama hosts were compiled on 2026-11-28 from LiteLLM's price map and public listings
// and should be re-checked against `source` before anyone bills from them. Prices change: the admin
// UI and /api/v1/prices let an org correct a row with a new effective date, keeping history exact.

export type CatalogPrice = {
  provider: string;
  model: string;
  input: string;
  output: string;
  cachedInput?: string;
  cacheWrite?: string;
  maxOutputTokens: number;
  source: string;
  asOf: string;
  /** Only for a price that replaced an earlier list price (the earlier row ends here). */
  effectiveFrom?: string;
  effectiveTo?: string;
};

const OPENAI = "https://developers.openai.com/api/docs/pricing";
const ANTHROPIC = "https://platform.claude.com/docs/en/about-claude/pricing";
const GOOGLE = "https://ai.google.dev/gemini-api/docs/pricing";
const MISTRAL = "https://mistral.ai/pricing#api-pricing";
const DEEPSEEK = "https://api-docs.deepseek.com/quick_start/pricing";
const XAI = "https://docs.x.ai/docs/models";
const GROQ = "https://groq.com/pricing";
const TOGETHER = "https://www.together.ai/pricing";
const FIREWORKS = "https://fireworks.ai/pricing";

type Row = [model: string, input: string, output: string, cached: string | null, write: string | null, maxOut: number];

function rows(provider: string, source: string, asOf: string, list: Row[]): CatalogPrice[] {
  return list.map(([model, input, output, cached, write, maxOutputTokens]) => ({
    provider,
    model,
    input,
    output,
    ...(cached ? { cachedInput: cached } : {}),
    ...(write ? { cacheWrite: write } : {}),
    maxOutputTokens,
    source,
    asOf,
  }));
}

export const CATALOG: CatalogPrice[] = [
  ...rows("openai", OPENAI, "2026-11-05", [
    ["gpt-5.5", "5.00", "30.00", "0.50", null, 128_000],
    ["gpt-5.4", "2.50", "15.00", "0.25", null, 128_000],
    ["gpt-5.4-mini", "0.75", "4.50", "0.075", null, 128_000],
    ["gpt-5.4-nano", "0.20", "1.25", "0.02", null, 128_000],
    ["gpt-5.1", "1.25", "10.00", "0.125", null, 128_000],
    ["gpt-5", "1.25", "10.00", "0.125", null, 128_000],
    ["gpt-5-mini", "0.25", "2.00", "0.025", null, 128_000],
    ["gpt-5-nano", "0.05", "0.40", "0.005", null, 128_000],
    ["gpt-4.1", "2.00", "8.00", "0.50", null, 32_768],
    ["gpt-4.1-mini", "0.40", "1.60", "0.10", null, 32_768],
    ["gpt-4.1-nano", "0.10", "0.40", "0.025", null, 32_768],
    ["gpt-4o", "2.50", "10.00", "1.25", null, 16_384],
    ["gpt-4o-mini", "0.15", "0.60", "0.075", null, 16_384],
    ["o3", "2.00", "8.00", "0.50", null, 100_000],
    ["o4-mini", "1.10", "4.40", "0.275", null, 100_000],
  ]),
  ...rows("anthropic", ANTHROPIC, "2026-10-24", [
    ["claude-fable-5-1", "10.00", "50.00", "0.25", "12.50", 128_000],
    ["claude-opus-5-5", "4.00", "20.00", "0.20", "5.00", 128_000],
    ["claude-opus-5", "5.00", "25.00", "0.50", "6.25", 128_000],
    ["claude-opus-4-8", "5.00", "25.00", "0.50", "6.25", 128_000],
    ["claude-opus-4-7", "5.00", "25.00", "0.50", "6.25", 128_000],
    ["claude-opus-4-6", "5.00", "25.00", "0.50", "6.25", 128_000],
    ["claude-opus-4-5", "5.00", "25.00", "0.50", "6.25", 64_000],
    ["claude-sonnet-5", "2.00", "10.00", "0.20", "2.50", 128_000],
    ["claude-sonnet-4-6", "3.00", "15.00", "0.30", "3.75", 64_000],
    ["claude-sonnet-4-5", "3.00", "15.00", "0.30", "3.75", 64_000],
    // Haiku 5.5 is tiered by prompt length; this is the <= 100k-token band. Prompts above it cost
    // 5x; the price table has no tiers yet, so such requests are under-estimated (see report).
    ["claude-haiku-5-5", "0.10", "0.50", "0.01", "0.125", 128_000],
    ["claude-haiku-4-5", "1.00", "5.00", "0.10", "1.25", 64_000],
    ["claude-3-5-haiku", "0.80", "4.00", "0.08", "1.00", 8_192],
  ]),
  // Sonnet 5.5 cache hits were cut from $0.20 to $0.10 on 2026-10-07: two rows keep history exact.
  {
    provider: "anthropic", model: "claude-sonnet-5-5", input: "2.00", output: "10.00", cachedInput: "0.20",
    cacheWrite: "2.50", maxOutputTokens: 128_000, source: ANTHROPIC, asOf: "2026-10-24",
    effectiveTo: "2026-10-07T00:00:00Z",
  },
  {
    provider: "anthropic", model: "claude-sonnet-5-5", input: "2.00", output: "10.00", cachedInput: "0.10",
    cacheWrite: "2.50", maxOutputTokens: 128_000, source: ANTHROPIC, asOf: "2026-10-24",
    effectiveFrom: "2026-10-07T00:00:00Z",
  },
  // Gemini Pro models charge more above 200k prompt tokens; these are the <= 200k rates.
  ...rows("google", GOOGLE, "2026-09-20", [
    ["gemini-3.1-pro-preview", "2.00", "12.00", "0.20", null, 65_536],
    ["gemini-3-flash-preview", "0.50", "3.00", "0.05", null, 65_536],
    ["gemini-3.1-flash-lite", "0.25", "1.50", "0.025", null, 65_536],
    ["gemini-2.5-pro", "1.25", "10.00", "0.125", null, 65_536],
    ["gemini-2.5-flash", "0.30", "2.50", "0.03", null, 65_536],
    ["gemini-2.5-flash-lite", "0.10", "0.40", "0.01", null, 65_536],
  ]),
  ...rows("mistral", MISTRAL, "2026-11-28", [
    ["mistral-large-latest", "0.50", "1.50", null, null, 32_768],
    ["mistral-medium-latest", "0.40", "2.00", null, null, 32_768],
    ["mistral-small-latest", "0.10", "0.30", null, null, 32_768],
    ["codestral-latest", "0.30", "0.90", null, null, 32_768],
    ["ministral-8b-latest", "0.10", "0.10", null, null, 32_768],
  ]),
  ...rows("deepseek", DEEPSEEK, "2025-12-09", [
    // deepseek-chat (V3.2, non-thinking) and deepseek-reasoner (V3.2, thinking) share one price.
    ["deepseek-chat", "0.28", "0.42", "0.028", null, 8_192],
    ["deepseek-reasoner", "0.28", "0.42", "0.028", null, 65_536],
  ]),
  ...rows("xai", XAI, "2026-11-28", [
    ["grok-4", "3.00", "15.00", "0.75", null, 256_000],
    ["grok-4-1-fast-reasoning", "0.20", "0.50", "0.05", null, 30_000],
    ["grok-4-1-fast-non-reasoning", "0.20", "0.50", "0.05", null, 30_000],
    ["grok-code-fast-1", "0.20", "1.50", "0.02", null, 10_000],
    ["grok-3-mini", "0.30", "0.50", "0.075", null, 32_768],
  ]),
  ...rows("groq", GROQ, "2026-11-28", [
    ["llama-3.3-70b-versatile", "0.59", "0.79", null, null, 32_768],
    ["llama-3.1-8b-instant", "0.05", "0.08", null, null, 131_072],
    ["meta-llama/llama-4-maverick-17b-128e-instruct", "0.20", "0.60", null, null, 8_192],
    ["meta-llama/llama-4-scout-17b-16e-instruct", "0.11", "0.34", null, null, 8_192],
  ]),
  ...rows("together", TOGETHER, "2026-11-28", [
    ["meta-llama/Llama-3.3-70B-Instruct-Turbo", "0.88", "0.88", null, null, 32_768],
    ["meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "0.18", "0.18", null, null, 32_768],
    ["meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "0.27", "0.85", null, null, 32_768],
    ["deepseek-ai/DeepSeek-V3", "1.25", "1.25", null, null, 32_768],
  ]),
  ...rows("fireworks", FIREWORKS, "2026-11-28", [
    ["accounts/fireworks/models/llama-v3p3-70b-instruct", "0.90", "0.90", null, null, 16_384],
    ["accounts/fireworks/models/llama-v3p1-8b-instruct", "0.20", "0.20", null, null, 16_384],
    ["accounts/fireworks/models/llama4-maverick-instruct-basic", "0.22", "0.88", null, null, 16_384],
  ]),
];
