/**
 * Test helper: builds random values of a generated message type at one version, from the same resolved
 * schema model the generator uses, so round-trip tests cover every field of every supported version.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FieldModel, MessageModel, StructModel } from '../codegen/message-model.ts';
import { buildMessageModel } from '../codegen/message-model.ts';
import { parseMessageSchema } from '../codegen/message-schema.ts';
import type { SupportedApi } from '../supported-apis.ts';

/** Small deterministic PRNG (mulberry32). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The request and response models of an API, read from the project's schema copies. */
export function loadModels(api: SupportedApi): { request: MessageModel; response: MessageModel } {
  const cached = modelCache.get(api.name);
  if (cached !== undefined) return cached;
  const load = (suffix: string): MessageModel => {
    const fileName = `${api.name}${suffix}.json`;
    const text = readFileSync(fileURLToPath(new URL(`../schemas/${fileName}`, import.meta.url)), 'utf8');
    return buildMessageModel(parseMessageSchema(text, fileName), { min: api.minVersion, max: api.maxVersion });
  };
  const models = { request: load('Request'), response: load('Response') };
  modelCache.set(api.name, models);
  return models;
}

const modelCache = new Map<string, { request: MessageModel; response: MessageModel }>();

/** A random value of `model`'s root type at `version`. */
export function randomMessage(model: MessageModel, version: number, random: () => number): Record<string, unknown> {
  return randomStruct(model.root, version, random);
}

function randomStruct(struct: StructModel, version: number, random: () => number): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of struct.fields) {
    if (version < field.present.min || version > field.present.max) continue;
    value[field.property] = randomField(field, version, random);
  }
  return value;
}

function randomField(field: FieldModel, version: number, random: () => number): unknown {
  const nullable = field.nullable !== null && version >= field.nullable.min && version <= field.nullable.max;
  if (nullable && random() < 0.25) return null;
  const kind = field.kind;
  const count = Math.floor(random() * 4);
  switch (kind.kind) {
    case 'primitive':
      return randomPrimitive(kind.type, random);
    case 'primitive-array':
      return Array.from({ length: count }, () => randomPrimitive(kind.type, random));
    case 'struct-array':
      return Array.from({ length: count }, () => randomStruct(kind.struct, version, random));
    case 'struct':
      return randomStruct(kind.struct, version, random);
  }
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz-_.0123456789é€😀';

export function randomPrimitive(type: string, random: () => number): unknown {
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  switch (type) {
    case 'bool':
      return random() < 0.5;
    case 'int8':
      return int(-128, 127);
    case 'int16':
      return int(-32768, 32767);
    case 'uint16':
      return int(0, 65535);
    case 'int32':
      return int(-2147483648, 2147483647);
    case 'uint32':
      return int(0, 4294967295);
    case 'int64':
      return BigInt.asIntN(64, (BigInt(int(0, 0xffffffff)) << 32n) | BigInt(int(0, 0xffffffff)));
    case 'float64':
      return random() * 1e6 - 5e5;
    case 'string':
      return Array.from({ length: int(0, 12) }, () => [...ALPHABET][int(0, [...ALPHABET].length - 1)]).join('');
    case 'bytes':
    case 'records':
      return Uint8Array.from({ length: int(0, 20) }, () => int(0, 255));
    case 'uuid':
      return Uint8Array.from({ length: 16 }, () => int(0, 255));
    default:
      throw new Error(`no random value for ${type}`);
  }
}
