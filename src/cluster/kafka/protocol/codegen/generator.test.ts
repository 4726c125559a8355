import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaReader } from '../reader.ts';
import { KafkaWriter } from '../writer.ts';
import { emitMessage } from './emit-message.ts';
import { buildMessageModel } from './message-model.ts';
import type { MessageSchema, VersionRange } from './message-schema.ts';
import { parseMessageSchema, parseVersionRange, stripJsonComments } from './message-schema.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

const schema = (fields: string, extra = '"validVersions": "0-12", "flexibleVersions": "12+"') =>
  parseMessageSchema(`// header\n{ "apiKey": 99, "type": "request", "name": "TestRequest", ${extra}, "fields": [${fields}] }`, 'TestRequest.json');

const scratch: string[] = [];
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

/** Emits `schema`'s codec into a scratch module (imports pointed at the real reader/writer) and loads it. */
async function generatedCodec<T>(source: MessageSchema, supported: VersionRange): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kafka-codegen-'));
  scratch.push(dir);
  const protocolDir = new URL('../', import.meta.url);
  const text = emitMessage(buildMessageModel(source, supported), { kafkaRelease: 'test', script: 'generator.test.ts', schemaFile: 'TestRequest.json' }).replace(
    /from '\.\.\/([\w-]+\.ts)'/g,
    (_, file: string) => `from '${new URL(file, protocolDir).href}'`,
  );
  const file = join(dir, 'test-request.ts');
  await writeFile(file, text);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return { encode: module.encodeTestRequest, decode: module.decodeTestRequest } as T;
}

describe('generator', () => {
  it('--check passes on the committed output', async () => {
    const { stdout } = await run(process.execPath, ['scripts/generate-kafka-protocol.ts', '--check'], { cwd: repoRoot });
    expect(stdout).toMatch(/generated files are up to date/);
  });

  it('refuses versions outside validVersions', () => {
    expect(() => buildMessageModel(schema('{ "name": "A", "type": "int32", "versions": "0+" }'), { min: 0, max: 13 })).toThrow(/outside validVersions/);
  });

  it('resolves flexible versions per struct and the tags of tagged fields', () => {
    const model = buildMessageModel(
      schema(
        '{ "name": "Items", "type": "[]Item", "versions": "0+", "fields": [ { "name": "Name", "type": "string", "versions": "0+" } ] },' +
          '{ "name": "Extra", "type": "int32", "versions": "12+", "taggedVersions": "12+", "tag": 4, "default": "-1" }',
      ),
      { min: 10, max: 12 },
    );
    expect(model.flexible).toEqual({ min: 12, max: 12 });
    expect(model.structs.map((struct) => [struct.typeName, struct.flexible])).toEqual([['TestRequest', { min: 12, max: 12 }], ['Item', { min: 12, max: 12 }]]);
    expect(model.root.fields.map((field) => [field.property, field.tag, field.optional])).toEqual([['items', null, false], ['extra', 4, true]]);
  });

  it('refuses tagged fields it cannot write, with the field named', () => {
    const build = (field: string, extra?: string) => () => buildMessageModel(schema(field, extra), { min: 0, max: 12 });
    expect(build('{ "name": "A", "type": "int32", "versions": "0+", "taggedVersions": "0+", "tag": 0 }')).toThrow(/TestRequest.A: tagged in a version that is not flexible/);
    expect(build('{ "name": "A", "type": "int32", "versions": "0+", "taggedVersions": "12+", "tag": 0 }')).toThrow(/tagged in only some of its supported versions/);
    expect(build('{ "name": "A", "type": "int32", "versions": "12+", "taggedVersions": "12+" }')).toThrow(/without a valid "tag"/);
    expect(build('{ "name": "A", "type": "int32", "versions": "12+", "taggedVersions": "12+", "tag": 1 }, { "name": "B", "type": "int8", "versions": "12+", "taggedVersions": "12+", "tag": 1 }')).toThrow(/two fields with tag 1/);
    expect(build('{ "name": "S", "type": "Sub", "versions": "12+", "taggedVersions": "12+", "tag": 0, "fields": [] }')).toThrow(/tagged struct fields are not supported/);
  });

  it('parses version ranges and strips comments outside strings only', () => {
    expect(parseVersionRange('3+', 'x')).toEqual({ min: 3, max: Infinity });
    expect(parseVersionRange('0-7', 'x')).toEqual({ min: 0, max: 7 });
    expect(parseVersionRange('5', 'x')).toEqual({ min: 5, max: 5 });
    expect(parseVersionRange('none', 'x')).toBeNull();
    expect(() => parseVersionRange('1..2', 'x')).toThrow(/cannot parse/);
    expect(JSON.parse(stripJsonComments('{ "a": "http://x // y" // comment\n}'))).toEqual({ a: 'http://x // y' });
  });

  it('writes codecs whose flexible bytes match Kafka: compact forms, tagged fields written when not default, unknown tags skipped', async () => {
    const codec = await generatedCodec<{ encode: (writer: KafkaWriter, value: unknown, version: number) => void; decode: (reader: KafkaReader, version: number) => unknown }>(
      schema(
        '{ "name": "Name", "type": "string", "versions": "0+", "nullableVersions": "12+" },' +
          '{ "name": "Tags", "type": "[]string", "versions": "0+" },' +
          '{ "name": "Data", "type": "bytes", "versions": "0+" },' +
          '{ "name": "Items", "type": "[]Item", "versions": "0+", "nullableVersions": "1+", "fields": [' +
          '  { "name": "Id", "type": "int16", "versions": "0+" },' +
          '  { "name": "Note", "type": "string", "versions": "12+", "taggedVersions": "12+", "tag": 0, "nullableVersions": "12+", "default": "null" } ] },' +
          '{ "name": "Epoch", "type": "int64", "versions": "12+", "taggedVersions": "12+", "tag": 1, "default": "-1" },' +
          '{ "name": "Flags", "type": "[]int32", "versions": "12+", "taggedVersions": "12+", "tag": 7 }',
      ),
      { min: 0, max: 12 },
    );
    const encode = (value: unknown, version: number) => {
      const writer = new KafkaWriter();
      codec.encode(writer, value, version);
      return Buffer.from(writer.toBytes()).toString('hex');
    };
    const decode = (hexText: string, version: number) => {
      const reader = new KafkaReader(Uint8Array.from(Buffer.from(hexText, 'hex')));
      const value = codec.decode(reader, version);
      reader.expectEnd('TestRequest');
      return value;
    };
    const classic = { name: 'ab', tags: ['x'], data: new Uint8Array([9]), items: [{ id: 5 }] };
    // v1: int16-length strings, int32 counts and lengths, no tags.
    expect(encode(classic, 1)).toBe('00026162' + '00000001' + '000178' + '0000000109' + '00000001' + '0005');
    // v12, defaults only: compact forms, every struct ends with an empty tagged-fields section.
    const flexible = { name: null, tags: ['x'], data: new Uint8Array([9]), items: [{ id: 5, note: null }], epoch: -1n, flags: [] };
    const flexibleHex = '00' + '02' + '0278' + '0209' + '02' + '0005' + '00' + '00';
    expect(encode(flexible, 12)).toBe(flexibleHex);
    expect(decode(flexibleHex, 12)).toEqual(flexible);
    // Non-default tagged fields go into the sections, in tag order, with their sizes.
    const tagged = { ...flexible, items: [{ id: 5, note: 'n' }], epoch: 3n, flags: [1] };
    const taggedHex = '00' + '02' + '0278' + '0209' + '02' + '0005' + '01' + '0002026e' + '02' + '0108' + '0000000000000003' + '0705' + '0200000001';
    expect(encode(tagged, 12)).toBe(taggedHex);
    expect(decode(taggedHex, 12)).toEqual(tagged);
    // An unknown tag (9) between known ones is skipped.
    expect(decode('00' + '02' + '0278' + '0209' + '02' + '0005' + '00' + '02' + '0108' + '0000000000000003' + '0901ff', 12)).toEqual({ ...flexible, epoch: 3n });
    // A tagged field the version lacks: a non-default value is refused, as for any absent field.
    expect(() => encode({ ...classic, epoch: 3n }, 1)).toThrow(/TestRequest.epoch has a non-default value but version 1 does not carry it/);
  });

  it('marks version-dependent fields optional and resolves nullability per version', () => {
    const model = buildMessageModel(
      schema(
        '{ "name": "Topics", "type": "[]Topic", "versions": "0+", "nullableVersions": "1+", "fields": [ { "name": "Name", "type": "string", "versions": "0+" } ] },' +
          '{ "name": "AllowAuto", "type": "bool", "versions": "4+", "default": "true" }',
      ),
      { min: 0, max: 6 },
    );
    const [topics, allowAuto] = model.root.fields;
    expect(topics).toMatchObject({ property: 'topics', optional: false, nullable: { min: 1, max: 6 } });
    expect(allowAuto).toMatchObject({ property: 'allowAuto', optional: true, present: { min: 4, max: 6 }, default: 'true' });
    expect(model.structs.map((s) => s.typeName)).toEqual(['TestRequest', 'Topic']);
  });
});
