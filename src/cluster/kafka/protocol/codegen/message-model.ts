/**
 * Resolves a parsed schema against the versions we support: which fields exist, in which of those
 * versions, whether they are nullable or optional, and what TypeScript type they get. The emitter
 * (`emit-message.ts`) and the round-trip tests both work from this model.
 */
import type { FieldSchema, MessageSchema, VersionRange } from './message-schema.ts';
import { PRIMITIVE_TYPES, arrayElementType, contains, intersect } from './message-schema.ts';

/** A field resolved for the supported versions of its message. */
export interface FieldModel {
  /** Kafka's PascalCase name. */
  readonly name: string;
  /** The camelCase property in the generated TypeScript type. */
  readonly property: string;
  readonly about: string;
  /** Supported versions that carry the field (within the versions of the enclosing struct). */
  readonly present: VersionRange;
  /** Versions (within `present`) where the field may be null, or null if never. */
  readonly nullable: VersionRange | null;
  /** True when some version of the enclosing struct lacks the field: the property is optional. */
  readonly optional: boolean;
  readonly ignorable: boolean;
  /** The schema's default, as written, if any. */
  readonly default: string | undefined;
  readonly kind: FieldKind;
}

export type FieldKind =
  | { readonly kind: 'primitive'; readonly type: string }
  | { readonly kind: 'primitive-array'; readonly type: string }
  | { readonly kind: 'struct-array'; readonly struct: StructModel }
  | { readonly kind: 'struct'; readonly struct: StructModel };

/** A struct (the message itself or a nested one). */
export interface StructModel {
  /** TypeScript type name. */
  readonly typeName: string;
  /** Supported versions in which the struct occurs. */
  readonly versions: VersionRange;
  readonly fields: readonly FieldModel[];
}

/** A message resolved for its supported versions. */
export interface MessageModel {
  readonly schema: MessageSchema;
  readonly supported: VersionRange;
  readonly root: StructModel;
  /** Every struct in pre-order: the root first, each struct followed by the ones it contains. */
  readonly structs: readonly StructModel[];
}

const NULLABLE_TYPES: ReadonlySet<string> = new Set(['string', 'bytes', 'records']);

/**
 * Resolves `schema` for `supported`. Throws (with a hint) when a supported version is not valid or is
 * flexible, or when a tagged field would be needed.
 */
export function buildMessageModel(
  schema: MessageSchema,
  supported: VersionRange,
  structTypeName: (kafkaName: string) => string = (name) => name,
): MessageModel {
  if (!contains(schema.validVersions, supported)) {
    throw new Error(
      `${schema.name}: versions ${supported.min}..${supported.max} are outside validVersions ` +
        `${schema.validVersions.min}..${schema.validVersions.max}. Fix the range in supported-apis.ts.`,
    );
  }
  const flexible = intersect(schema.flexibleVersions, supported);
  if (flexible !== null) {
    throw new Error(
      `${schema.name}: version ${flexible.min} is flexible (flexibleVersions starts at ${schema.flexibleVersions?.min}). ` +
        'The generator only writes non-flexible codecs (no compact strings, no tagged fields): lower the max in supported-apis.ts.',
    );
  }
  const structs: StructModel[] = [];
  const root = buildStruct(schema, schema.name, schema.fields, supported, structs, structTypeName, schema.name);
  return { schema, supported, root, structs };
}

/** Builds one struct and appends it, then the structs it contains, to `all` (pre-order). */
function buildStruct(
  schema: MessageSchema,
  typeName: string,
  fields: readonly FieldSchema[],
  versions: VersionRange,
  all: StructModel[],
  structTypeName: (kafkaName: string) => string,
  path: string,
): StructModel {
  const models: FieldModel[] = [];
  const struct: StructModel = { typeName, versions, fields: models };
  all.push(struct);
  for (const field of fields) {
    const at = `${path}.${field.name}`;
    const present = intersect(field.versions, versions);
    if (present === null) continue;
    if (intersect(field.taggedVersions, present) !== null) {
      throw new Error(`${at}: tagged in version(s) we support; tagged fields need flexible versions, which are not supported`);
    }
    const nullable = intersect(field.nullableVersions, present);
    const elementType = arrayElementType(field.type);
    let kind: FieldKind;
    if (elementType !== undefined && PRIMITIVE_TYPES.has(elementType)) {
      kind = { kind: 'primitive-array', type: elementType };
    } else if (elementType !== undefined) {
      const struct = buildStruct(schema, structTypeName(elementType), structFields(schema, field, elementType, at), present, all, structTypeName, at);
      kind = { kind: 'struct-array', struct };
    } else if (PRIMITIVE_TYPES.has(field.type)) {
      if (nullable !== null && !NULLABLE_TYPES.has(field.type)) throw new Error(`${at}: type ${field.type} cannot be nullable`);
      kind = { kind: 'primitive', type: field.type };
    } else {
      if (nullable !== null) throw new Error(`${at}: nullable structs need flexible versions, which are not supported`);
      const struct = buildStruct(schema, structTypeName(field.type), structFields(schema, field, field.type, at), present, all, structTypeName, at);
      kind = { kind: 'struct', struct };
    }
    models.push({
      name: field.name,
      property: field.name.charAt(0).toLowerCase() + field.name.slice(1),
      about: field.about,
      present,
      nullable,
      optional: present.min !== versions.min || present.max !== versions.max,
      ignorable: field.ignorable,
      default: field.default,
      kind,
    });
  }
  const seen = new Set<string>();
  for (const model of models) {
    if (seen.has(model.property)) throw new Error(`${path}: two fields named ${model.property} in the same versions`);
    seen.add(model.property);
  }
  return struct;
}

function structFields(schema: MessageSchema, field: FieldSchema, typeName: string, at: string): readonly FieldSchema[] {
  if (field.fields !== undefined) return field.fields;
  const common = schema.commonStructs.get(typeName);
  if (common === undefined) throw new Error(`${at}: unknown type ${typeName} (no inline fields and no common struct of that name)`);
  return common;
}
