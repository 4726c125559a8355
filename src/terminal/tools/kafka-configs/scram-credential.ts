/**
 * A SCRAM credential as Kafka stores it in `/config/users/<user>` (`ScramFormatter.generateCredential`,
 * `ScramCredentialUtils.credentialToString`):
 *
 *   salt=<base64>,stored_key=<base64>,server_key=<base64>,iterations=4096
 *
 * The salt is the bytes of a random 130-bit number written in base 36 (`new BigInteger(130, random)
 * .toString(36)`), the salted password PBKDF2-HMAC of the UTF-8 password, stored key H(HMAC(salted,
 * "Client Key")), server key HMAC(salted, "Server Key"). Web Crypto, so it runs in a browser tab too.
 */

export type ScramMechanismName = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

const HASHES: Record<ScramMechanismName, { hash: string; bits: number }> = {
  'SCRAM-SHA-256': { hash: 'SHA-256', bits: 256 },
  'SCRAM-SHA-512': { hash: 'SHA-512', bits: 512 },
};

const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function randomSalt(): Uint8Array {
  const bytes = crypto.getRandomValues(new Uint8Array(17));
  bytes[0] &= 0x03; // 130 bits
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return encoder.encode(value.toString(36));
}

async function hmac(hash: string, key: Uint8Array, text: string): Promise<Uint8Array> {
  const hmacKey = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, encoder.encode(text)));
}

export async function scramCredential(mechanism: ScramMechanismName, password: string, iterations: number): Promise<string> {
  const { hash, bits } = HASHES[mechanism];
  const salt = randomSalt();
  const passwordKey = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const salted = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt: salt as BufferSource, iterations }, passwordKey, bits));
  const clientKey = await hmac(hash, salted, 'Client Key');
  const storedKey = new Uint8Array(await crypto.subtle.digest(hash, clientKey as BufferSource));
  const serverKey = await hmac(hash, salted, 'Server Key');
  return `salt=${base64(salt)},stored_key=${base64(storedKey)},server_key=${base64(serverKey)},iterations=${iterations}`;
}
