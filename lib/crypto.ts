import { createHash, randomBytes } from "node:crypto";

export type SecretKind = "key" | "gateway" | "admin" | "webhook";

const PREFIXES: Record<SecretKind, string> = {
  key: "psr_key_",
  gateway: "psr_gw_",
  admin: "psr_adm_",
  webhook: "whsec_",
};

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** SHA-256 hex: how keys and tokens are stored and looked up (never the secret itself). */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

function randomBase62(length: number): string {
  // Rejection sampling keeps every character uniform (256 is not a multiple of 62).
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A new secret (~190 bits), its display prefix and its hash. Show `secret` once; store `hash`. */
export function newSecret(kind: SecretKind): { secret: string; prefix: string; hash: string } {
  const secret = PREFIXES[kind] + randomBase62(32);
  return { secret, prefix: secret.slice(0, 12), hash: sha256Hex(secret) };
}
