/**
 * Resolves a parsed schema against the versions we support: which fields exist, in which of those
 * versions, whether they are nullable, optional or tagged, which versions are flexible, and what
 * TypeScript type each field gets. The emitter (`emit-message.ts`) and the round-trip tests both work
 * from this model.
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
  /**
   * The field's tag when it is a tagged field (in every version of `present`, all flexible): it is then
   * written in the struct's tagged-fields section, and only when it differs from its default.
   */
  readonly tag: number | null;
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
  /** The flexible ones among `versions` (compact encodings, a tagged-fields section at the end), or null. */
  readonly flexible: VersionRange | null;
  readonly fields: readonly FieldModel[];
}

/** A message resolved for its supported versions. */
export interface MessageModel {
  readonly schema: MessageSchema;
  readonly supported: VersionRange;
  /** The flexible ones among `supported`, or null. */
  readonly flexible: VersionRange | null;
  readonly root: StructModel;
  /** Every struct in pre-order: the root first, each struct followed by the ones it contains. */
  readonly structs: readonly StructModel[];
}

const NULLABLE_TYPES: ReadonlySet<string> = new Set(['string', 'bytes', 'records']);

/**
 * Resolves `schema` for `supported`. Throws (with a hint) when a supported version is not valid, or when
 * the schema uses something the generator does not write (nullable or tagged structs).
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
  const structs: StructModel[] = [];
  const common: CommonStructs = { versions: supported, built: new Map() };
  const root = buildStruct(schema, schema.name, schema.fields, supported, structs, structTypeName, schema.name, common);
  return { schema, supported, flexible: intersect(schema.flexibleVersions, supported), root, structs };
}

/**
 * A common struct (`commonStructs`) may be used by several fields with different versions (LeaderAndIsr's
 * partition state, in `UngroupedPartitionStates` v0-1 and `TopicStates.PartitionStates` v2+): it is built
 * once, over the message's whole supported range, and shared.
 */
interface CommonStructs {
  readonly versions: VersionRange;
  readonly built: Map<string, StructModel>;
}

/** A field's struct: its inline fields, else a common struct built once. */
function fieldStruct(
  schema: MessageSchema,
  field: FieldSchema,
  kafkaType: string,
  present: VersionRange,
  all: StructModel[],
  structTypeName: (kafkaName: string) => string,
  at: string,
  common: CommonStructs,
): StructModel {
  if (field.fields !== undefined) return buildStruct(schema, structTypeName(kafkaType), field.fields, present, all, structTypeName, at, common);
  const existing = common.built.get(kafkaType);
  if (existing) return existing;
  const struct = buildStruct(schema, structTypeName(kafkaType), structFields(schema, field, kafkaType, at), common.versions, all, structTypeName, at, common);
  common.built.set(kafkaType, struct);
  return struct;
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
  common: CommonStructs,
): StructModel {
  const models: FieldModel[] = [];
  const flexible = intersect(schema.flexibleVersions, versions);
  const struct: StructModel = { typeName, versions, flexible, fields: models };
  all.push(struct);
  for (const field of fields) {
    const at = `${path}.${field.name}`;
    const present = intersect(field.versions, versions);
    if (present === null) continue;
    const tag = fieldTag(field, present, flexible, at);
    const nullable = intersect(field.nullableVersions, present);
    const elementType = arrayElementType(field.type);
    let kind: FieldKind;
    if (elementType !== undefined && PRIMITIVE_TYPES.has(elementType)) {
      kind = { kind: 'primitive-array', type: elementType };
    } else if (elementType !== undefined) {
      kind = { kind: 'struct-array', struct: fieldStruct(schema, field, elementType, present, all, structTypeName, at, common) };
    } else if (PRIMITIVE_TYPES.has(field.type)) {
      if (nullable !== null && !NULLABLE_TYPES.has(field.type)) throw new Error(`${at}: type ${field.type} cannot be nullable`);
      kind = { kind: 'primitive', type: field.type };
    } else {
      if (nullable !== null) throw new Error(`${at}: nullable struct fields are not supported by the generator (no schema we use has one)`);
      if (tag !== null) throw new Error(`${at}: tagged struct fields are not supported by the generator (their default is a whole struct); lower the max in supported-apis.ts`);
      kind = { kind: 'struct', struct: fieldStruct(schema, field, field.type, present, all, structTypeName, at, common) };
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
      tag,
      kind,
    });
  }
  const seen = new Set<string>();
  const tags = new Set<number>();
  for (const model of models) {
    if (seen.has(model.property)) throw new Error(`${path}: two fields named ${model.property} in the same versions`);
    seen.add(model.property);
    if (model.tag === null) continue;
    if (tags.has(model.tag)) throw new Error(`${path}: two fields with tag ${model.tag}`);
    tags.add(model.tag);
  }
  return struct;
}

/**
 * The tag of a field tagged in the supported versions, or null. A field must be tagged either in none or
 * in all of its supported versions (every schema we know does so), and only in flexible ones.
 */
function fieldTag(field: FieldSchema, present: VersionRange, flexible: VersionRange | null, at: string): number | null {
  const tagged = intersect(field.taggedVersions, present);
  if (tagged === null) return null;
  if (tagged.min !== present.min || tagged.max !== present.max) {
    throw new Error(`${at}: tagged in only some of its supported versions (${tagged.min}..${tagged.max}), which the generator does not write`);
  }
  if (flexible === null || !contains(flexible, tagged)) throw new Error(`${at}: tagged in a version that is not flexible`);
  if (field.tag === undefined || !Number.isInteger(field.tag) || field.tag < 0) throw new Error(`${at}: taggedVersions without a valid "tag"`);
  return field.tag;
}

function structFields(schema: MessageSchema, field: FieldSchema, typeName: string, at: string): readonly FieldSchema[] {
  if (field.fields !== undefined) return field.fields;
  const common = schema.commonStructs.get(typeName);
  if (common === undefined) throw new Error(`${at}: unknown type ${typeName} (no inline fields and no common struct of that name)`);
  return common;
}
