/**
 * The text form of what a member stores (`FileStorage` writes it; `MemoryStorage` measures itself in
 * it): JSON, with bigint values as `{"$n": "123"}` and bytes as `{"$b": "<base64>"}`. Browser-safe
 * (`btoa`/`atob`, no `Buffer`).
 */

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function replacer(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $n: value.toString() };
  // `this[key]` is the value before toJSON(): a Node Buffer arrives here already as {type, data}.
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Uint8Array) return { $b: toBase64(original) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record.$n === 'string' && Object.keys(record).length === 1) return BigInt(record.$n);
    if (typeof record.$b === 'string' && Object.keys(record).length === 1) return fromBase64(record.$b);
  }
  return value;
}

export const encode = (value: unknown): string => JSON.stringify(value, replacer);
export const decode = <T>(text: string): T => JSON.parse(text, reviver) as T;

/** Bytes of `text` in UTF-8 (what it takes in a file). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
