import { describe, expect, it } from "vitest";
import { countInputTokens, encodingFor, NON_OPENAI_SAFETY_MARGIN } from "./tokens";

describe("tokens", () => {
  it("picks o200k for gpt-4o, gpt-4.1, gpt-5 and o-series, cl100k for older OpenAI models", () => {
    for (const m of ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-5", "o3-mini", "o1"]) expect(encodingFor(m)).toEqual({ encoding: "o200k", exact: true });
    for (const m of ["gpt-4", "gpt-4-turbo", "gpt-3.5-turbo"]) expect(encodingFor(m)).toEqual({ encoding: "cl100k", exact: true });
    expect(encodingFor("claude-sonnet-4-5").exact).toBe(false);
  });

  it("counts a prompt with the real tokenizer", () => {
    expect(countInputTokens("gpt-4o", { prompt: "hello world" })).toBe(2);
    expect(countInputTokens("gpt-4o", { prompt: "" })).toBe(0);
  });

  it("counts chat messages with per-message framing", () => {
    const n = countInputTokens("gpt-4o", { messages: [{ role: "user", content: "hello world" }] });
    // 3 framing + 1 role + 2 content + 3 reply priming
    expect(n).toBe(9);
    const parts = countInputTokens("gpt-4o", { messages: [{ role: "user", content: [{ type: "text", text: "hello world" }] }] });
    expect(parts).toBe(9);
  });

  it("applies the safety margin to non-OpenAI models, rounding up", () => {
    const text = "The quick brown fox jumps over the lazy dog. ".repeat(20);
    const openai = countInputTokens("gpt-4o", { prompt: text });
    expect(countInputTokens("claude-sonnet-4-5", { prompt: text })).toBe(Math.ceil(openai * NON_OPENAI_SAFETY_MARGIN));
  });
});
