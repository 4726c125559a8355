/**
 * Writes `src/cluster/zookeeper/protocol/records/*.ts` from `zookeeper.jute` (see `generate-records.ts`,
 * the pure, browser-safe generator; this entry point is the only part that touches the disk).
 *
 *   sh scripts/with-node.sh node scripts/generate-zookeeper-records.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateRecords } from '../src/cluster/zookeeper/protocol/generate-records.ts';

const protocol = new URL('../src/cluster/zookeeper/protocol/', import.meta.url);
const jute = readFileSync(new URL('zookeeper.jute', protocol), 'utf8');
const out = new URL('records/', protocol);
mkdirSync(out, { recursive: true });
const files = generateRecords(jute);
for (const [name, content] of files) writeFileSync(new URL(name, out), content);
console.log(`wrote ${files.size} files to ${out.pathname}`);
