import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildMessageModel } from './message-model.ts';
import { parseMessageSchema, parseVersionRange, stripJsonComments } from './message-schema.ts';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

const schema = (fields: string, extra = '"validVersions": "0-12", "flexibleVersions": "12+"') =>
  parseMessageSchema(`// header\n{ "apiKey": 99, "type": "request", "name": "TestRequest", ${extra}, "fields": [${fields}] }`, 'TestRequest.json');

describe('generator', () => {
  it('--check passes on the committed output', async () => {
    const { stdout } = await run(process.execPath, ['scripts/generate-kafka-protocol.ts', '--check'], { cwd: repoRoot });
    expect(stdout).toMatch(/generated files are up to date/);
  });

  it('refuses flexible versions with a hint', () => {
    const model = () => buildMessageModel(schema('{ "name": "A", "type": "int32", "versions": "0+" }'), { min: 4, max: 12 });
    expect(model).toThrow(/TestRequest: version 12 is flexible .* lower the max in supported-apis.ts/);
    expect(() => buildMessageModel(schema('{ "name": "A", "type": "int32", "versions": "0+" }'), { min: 0, max: 13 })).toThrow(/outside validVersions/);
  });

  it('refuses tagged fields in supported versions', () => {
    const tagged = schema('{ "name": "A", "type": "int32", "versions": "0+", "taggedVersions": "0+", "tag": 0 }', '"validVersions": "0-2", "flexibleVersions": "none"');
    expect(() => buildMessageModel(tagged, { min: 0, max: 2 })).toThrow(/tagged/);
  });

  it('parses version ranges and strips comments outside strings only', () => {
    expect(parseVersionRange('3+', 'x')).toEqual({ min: 3, max: Infinity });
    expect(parseVersionRange('0-7', 'x')).toEqual({ min: 0, max: 7 });
    expect(parseVersionRange('5', 'x')).toEqual({ min: 5, max: 5 });
    expect(parseVersionRange('none', 'x')).toBeNull();
    expect(() => parseVersionRange('1..2', 'x')).toThrow(/cannot parse/);
    expect(JSON.parse(stripJsonComments('{ "a": "http://x // y" // comment\n}'))).toEqual({ a: 'http://x // y' });
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
