import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeContext, zookeeperContext } from './build-context.ts';
import { hashImageInputs } from './image-inputs-hash.ts';

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kafkalab-context-'));
  write('package.json', JSON.stringify({ name: 'kafkalab', version: '1.2.3', dependencies: { astro: '*' } }));
  write('bin/kafkalab.js', '// entry\n');
  write('docker/images/kafkalab/Dockerfile', 'FROM x\n');
  write('docker/images/zookeeper/Dockerfile', 'FROM y\n');
  write('docker/images/zookeeper/zookeeper-entrypoint.sh', '#!/bin/sh\n');
  write('src/cluster/logger.ts', 'export {};\n');
  write('src/cluster/logger.test.ts', 'test\n');
  write('src/cluster/testing/fake.ts', 'helper\n');
  write('src/cluster/kafka/protocol/schemas/Thing.json', '{}\n');
  write('src/server/node/node-command.ts', 'export {};\n');
  write('src/server/app.ts', 'the web server\n');
  write('node_modules/kafkajs/index.js', 'module.exports = {};\n');
  write('node_modules/kafkajs/types/index.d.ts', 'types\n');
  write('node_modules/snappyjs/index.js', 'module.exports = {};\n');
  write('node_modules/fzstd/lib/index.cjs', 'module.exports = {};\n');
  write('node', 'a node binary');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('build contexts', () => {
  it('the node image gets the Node binary, the runtime sources (no tests, no test helpers, no web server), kafkajs, the codecs and an ESM package.json', () => {
    const files = nodeContext(root, join(root, 'node'));
    expect(files.map((file) => file.path)).toEqual([
      'Dockerfile',
      'node',
      'kafkalab/package.json',
      'kafkalab/bin/kafkalab.js',
      'kafkalab/src/cluster/logger.ts',
      'kafkalab/src/server/node/node-command.ts',
      'kafkalab/node_modules/kafkajs/index.js',
      'kafkalab/node_modules/snappyjs/index.js',
      'kafkalab/node_modules/fzstd/lib/index.cjs',
    ]);
    expect(JSON.parse(String(files[2].content))).toEqual({ name: 'kafkalab-node', version: '1.2.3', private: true, type: 'module' });
  });

  it('the ZooKeeper image gets its directory as it is', () => {
    expect(zookeeperContext(root).map((file) => file.path)).toEqual(['Dockerfile', 'zookeeper-entrypoint.sh']);
  });

  it('fails naming a required source that is missing', () => {
    rmSync(join(root, 'src/server/node'), { recursive: true });
    expect(() => nodeContext(root, join(root, 'node'))).toThrow(`the kafkalab node image needs src/server/node, which is missing in ${root}`);
  });

  it('hashes every input: a changed byte, path or base changes the hash; nothing else does', () => {
    const hash = () => hashImageInputs(nodeContext(root, join(root, 'node')), { base: 'debian:bookworm-slim', node: 'v24.0.0' });
    const first = hash();
    expect(hash()).toBe(first);
    expect(hashImageInputs(nodeContext(root, join(root, 'node')), { base: 'other:1', node: 'v24.0.0' })).not.toBe(first);
    // A test file is not an input.
    write('src/cluster/logger.test.ts', 'changed test\n');
    expect(hash()).toBe(first);
    write('src/cluster/logger.ts', 'export {}; // changed\n');
    const changed = hash();
    expect(changed).not.toBe(first);
    write('src/cluster/extra.ts', 'export {};\n');
    expect(hash()).not.toBe(changed);
  });
});
