// Secrets at rest: AES-256-GCM with a key that exists only in the functions' environment. The stored
// form is base64(iv || ciphertext); the key id (a hash prefix) says which key sealed it, for rotation.

import { decodeBase64, encodeBase64 } from "./base64.ts";

export interface SecretBox {
  keyId: string;
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

export async function createSecretBox(base64Key: string): Promise<SecretBox> {
  const raw = decodeBase64(base64Key);
  if (raw.length !== 32) throw new Error("the encryption key must be 32 bytes, base64-encoded");
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  const keyId = Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  return {
    keyId,
    async seal(plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plaintext)));
      const sealed = new Uint8Array(iv.length + ciphertext.length);
      sealed.set(iv);
      sealed.set(ciphertext, iv.length);
      return encodeBase64(sealed);
    },
    async open(sealed) {
      const bytes = decodeBase64(sealed);
      const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, key, bytes.slice(12));
      return new TextDecoder().decode(plaintext);
    },
  };
}
