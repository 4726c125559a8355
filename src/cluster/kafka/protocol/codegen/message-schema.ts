/**
 * Reads Apache Kafka's JSON message schemas (`clients/src/main/resources/common/message/*.json`) into a
 * typed model. Pure (no file access): used by `scripts/generate-kafka-protocol.ts` and by the tests.
 */

/** An inclusive version range; `max` is `Infinity` for an open range such as `"3+"`. */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/** One field as written in the schema. */
export interface FieldSchema {
  /** PascalCase name, e.g. `ThrottleTimeMs`. */
  readonly name: string;
  /** Schema type: `int32`, `string`, `records`, `[]int32`, `[]SomeStruct`, `SomeStruct`, ... */
  readonly type: string;
  readonly versions: VersionRange | null;
  readonly nullableVersions: VersionRange | null;
  readonly taggedVersions: VersionRange | null;
  /** The tag of a tagged field (`"tag": 0`), undefined for a field that is never tagged. */
  readonly tag: number | undefined;
  /** The schema's `default`, as written (e.g. `"-1"`, `"true"`, `"null"`, `"0x7fffffff"`). */
  readonly default: string | undefined;
  readonly ignorable: boolean;
  readonly about: string;
  /** Sub-fields, for struct and struct-array types. */
  readonly fields: readonly FieldSchema[] | undefined;
}

/** A whole schema file. */
export interface MessageSchema {
  readonly name: string;
  readonly type: 'request' | 'response' | 'header' | 'data';
  readonly apiKey: number | undefined;
  readonly validVersions: VersionRange;
  readonly flexibleVersions: VersionRange | null;
  readonly fields: readonly FieldSchema[];
  /** Structs shared by several fields (`commonStructs`), by name. */
  readonly commonStructs: ReadonlyMap<string, readonly FieldSchema[]>;
}

/** Primitive schema types and whether each is allowed to be nullable. */
export const PRIMITIVE_TYPES: ReadonlySet<string> = new Set([
  'bool', 'int8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'float64', 'string', 'bytes', 'records', 'uuid',
]);

/** Removes `//` line comments (outside strings) so the text parses as JSON. */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (ch === '"') {
        inString = false;
      }
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += ch;
    }
  }
  return out;
}

/** Parses `"0+"`, `"3-7"`, `"5"` or `"none"`. */
export function parseVersionRange(spec: string, where: string): VersionRange | null {
  const text = spec.trim();
  if (text === 'none') return null;
  let match = /^(\d+)\+$/.exec(text);
  if (match) return { min: Number(match[1]), max: Infinity };
  match = /^(\d+)-(\d+)$/.exec(text);
  if (match) return { min: Number(match[1]), max: Number(match[2]) };
  match = /^(\d+)$/.exec(text);
  if (match) return { min: Number(match[1]), max: Number(match[1]) };
  throw new Error(`${where}: cannot parse version range "${spec}" (expected "N+", "N-M", "N" or "none")`);
}

/** The overlap of two ranges, or null. */
export function intersect(a: VersionRange | null, b: VersionRange | null): VersionRange | null {
  if (a === null || b === null) return null;
  const min = Math.max(a.min, b.min);
  const max = Math.min(a.max, b.max);
  return min <= max ? { min, max } : null;
}

/** Whether `inner` lies inside `outer`. */
export function contains(outer: VersionRange, inner: VersionRange): boolean {
  return inner.min >= outer.min && inner.max <= outer.max;
}

/** The element type of `[]X`, or undefined for a non-array type. */
export function arrayElementType(type: string): string | undefined {
  return type.startsWith('[]') ? type.slice(2) : undefined;
}

/** Parses one schema file's text (with its license header and `//` comments). */
export function parseMessageSchema(text: string, fileName: string): MessageSchema {
  const json: unknown = JSON.parse(stripJsonComments(text));
  const root = asObject(json, fileName);
  const name = asString(root.name, `${fileName}: name`);
  const type = asString(root.type, `${fileName}: type`);
  if (type !== 'request' && type !== 'response' && type !== 'header' && type !== 'data') {
    throw new Error(`${fileName}: unknown message type "${type}"`);
  }
  const validVersions = parseVersionRange(asString(root.validVersions, `${fileName}: validVersions`), fileName);
  if (validVersions === null) throw new Error(`${fileName}: validVersions is "none"`);
  const flexibleVersions = parseVersionRange(asString(root.flexibleVersions, `${fileName}: flexibleVersions`), fileName);
  const apiKey = root.apiKey === undefined ? undefined : asNumber(root.apiKey, `${fileName}: apiKey`);
  const commonStructs = new Map<string, readonly FieldSchema[]>();
  if (root.commonStructs !== undefined) {
    for (const struct of asArray(root.commonStructs, `${fileName}: commonStructs`)) {
      const entry = asObject(struct, `${fileName}: commonStructs`);
      const structName = asString(entry.name, `${fileName}: commonStructs name`);
      commonStructs.set(structName, parseFields(entry.fields, `${fileName}: ${structName}`));
    }
  }
  return { name, type, apiKey, validVersions, flexibleVersions, commonStructs, fields: parseFields(root.fields, `${fileName}: ${name}`) };
}

function parseFields(value: unknown, where: string): FieldSchema[] {
  return asArray(value ?? [], `${where}: fields`).map((item) => {
    const field = asObject(item, where);
    const name = asString(field.name, `${where}: field name`);
    const at = `${where}.${name}`;
    const versionsSpec = asString(field.versions, `${at}: versions`);
    return {
      name,
      type: asString(field.type, `${at}: type`),
      versions: parseVersionRange(versionsSpec, at),
      nullableVersions: field.nullableVersions === undefined ? null : parseVersionRange(asString(field.nullableVersions, at), at),
      taggedVersions: field.taggedVersions === undefined ? null : parseVersionRange(asString(field.taggedVersions, at), at),
      tag: field.tag === undefined ? undefined : asNumber(field.tag, `${at}: tag`),
      default: field.default === undefined ? undefined : String(field.default),
      ignorable: field.ignorable === true,
      about: typeof field.about === 'string' ? field.about : '',
      fields: field.fields === undefined ? undefined : parseFields(field.fields, at),
    };
  });
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: expected an object`);
  return value as Record<string, unknown>;
}

function asArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where}: expected an array`);
  return value;
}

function asString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Error(`${where}: expected a string`);
  return value;
}

function asNumber(value: unknown, where: string): number {
  if (typeof value !== 'number') throw new Error(`${where}: expected a number`);
  return value;
}
