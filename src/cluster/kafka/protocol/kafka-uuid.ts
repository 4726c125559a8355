/**
 * Kafka's `Uuid` (topic ids): 16 bytes on the wire (`uuid` fields), 22 base64url characters without
 * padding in text (`Uuid.toString`, ZooKeeper's `topic_id`, `kafka-topics --describe`). All zero means
 * "no id" (`Uuid.ZERO_UUID`, `AAAAAAAAAAAAAAAAAAAAAA`). Browser-safe (btoa/atob).
 */

/** `Uuid.ZERO_UUID` as text. */
export const ZERO_UUID_TEXT = 'AAAAAAAAAAAAAAAAAAAAAA';

/** `Uuid.toString()`: the 16 bytes in base64url without padding. */
export function uuidToText(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError(`a Kafka Uuid has 16 bytes, got ${bytes.length}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The 16 bytes of a base64url id (22 characters, padding optional; the 4 unused bits of the last one
 * are ignored, as Java's decoder does). Throws a RangeError for anything else; callers holding ids from
 * ZooKeeper treat a missing id ('' or null) as the zero id themselves.
 */
export function uuidFromText(text: string): Uint8Array {
  const body = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]{22}$/.test(body)) throw new RangeError(`"${text}" is not a base64url Kafka Uuid (22 characters)`);
  const binary = atob(body.replace(/-/g, '+').replace(/_/g, '/') + '==');
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Whether every byte is zero (`Uuid.ZERO_UUID`). */
export function isZeroUuid(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 0);
}
