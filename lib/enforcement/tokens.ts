// Token counts for requests that send text instead of a count. OpenAI models are counted exactly with
// their own encoding; other vendors' tokenizers are not public JS libraries, so they are estimated.
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";

/**
 * Non-OpenAI models (Claude, Gemini, Llama, Mistral, DeepSeek...) are counted with o200k and
 * multiplied by this margin. Their tokenizers generally split English and code into 10-30% more
 * tokens than o200k (Claude's noticeably more), and an over-estimate only makes a hard budget
 * stricter for the life of a reservation; settle corrects to the real count.
 */
export const NON_OPENAI_SAFETY_MARGIN = 1.25;

/** OpenAI chat framing: ~3 tokens per message plus 3 to prime the reply (OpenAI cookbook). */
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
/** An image part's base cost at low detail; a floor for non-text parts we cannot count. */
const NON_TEXT_PART = 85;

const O200K = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o[1-9])/;
const CL100K = /^(gpt-4|gpt-3\.5|text-embedding|davinci|babbage)/;

export type Encoding = "o200k" | "cl100k";
export type MessagePart = { type?: string; text?: string } | string;
export type Message = { role?: string; content?: string | MessagePart[] | null; name?: string };

/** The encoding for a model and whether the count is exact (OpenAI) or needs the margin. */
export function encodingFor(model: string): { encoding: Encoding; exact: boolean } {
  const m = model.toLowerCase().replace(/^openai\//, "");
  if (O200K.test(m)) return { encoding: "o200k", exact: true };
  if (CL100K.test(m)) return { encoding: "cl100k", exact: true };
  return { encoding: "o200k", exact: false };
}

function count(text: string, encoding: Encoding): number {
  if (!text) return 0;
  return encoding === "o200k" ? countO200k(text) : countCl100k(text);
}

function contentTokens(content: Message["content"], encoding: Encoding): number {
  if (content == null) return 0;
  if (typeof content === "string") return count(content, encoding);
  let n = 0;
  for (const part of content) {
    if (typeof part === "string") n += count(part, encoding);
    else if (typeof part.text === "string") n += count(part.text, encoding);
    else n += NON_TEXT_PART;
  }
  return n;
}

/** Input tokens of a chat request or a plain prompt, rounded up after the margin. */
export function countInputTokens(model: string, input: { messages?: Message[]; prompt?: string }): number {
  const { encoding, exact } = encodingFor(model);
  let n = 0;
  if (input.messages) {
    for (const m of input.messages) {
      n += PER_MESSAGE + count(m.role ?? "", encoding) + contentTokens(m.content, encoding);
      if (m.name) n += 1 + count(m.name, encoding);
    }
    n += REPLY_PRIMING;
  }
  if (input.prompt !== undefined) n += count(input.prompt, encoding);
  return exact ? n : Math.ceil(n * NON_OPENAI_SAFETY_MARGIN);
}
