/**
 * What goes into each course image's build context, as a list of files (where each lands in the context,
 * and where its bytes come from), so the same list both decides the image's tag (image-inputs-hash.ts)
 * and is written out for the build.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export interface ContextFile {
  /** Path inside the build context, `/`-separated (`kafkalab/bin/kafkalab.js`). */
  path: string;
  /** Where the bytes are read from... */
  source?: string;
  /** ...or the bytes themselves (a file kafkalab writes, such as the image's package.json). */
  content?: Buffer;
}

/** Every file under `dir` (sorted, `/`-separated paths relative to it) that `keep` accepts. */
export function filesUnder(dir: string, keep: (path: string) => boolean = () => true): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const path = relative(dir, full).split(sep).join('/');
        if (keep(path)) found.push(path);
      }
    }
  };
  walk(dir);
  return found.sort();
}

/** The ZooKeeper image: `docker/images/zookeeper/` as it is. */
export function zookeeperContext(root: string): ContextFile[] {
  const dir = join(root, 'docker', 'images', 'zookeeper');
  return filesUnder(dir).map((path) => ({ path, source: join(dir, path) }));
}

/** A source file the container runs: TypeScript, neither a test nor a test helper. */
const runtimeSource = (path: string) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.split('/').includes('testing');

/**
 * What the node image runs, relative to the repository root: `kafkalab node` (src/cluster, src/server/node)
 * and the course's Kafka tools for the page's terminal (bin/kafkalab-tool.js, src/terminal,
 * src/server/tools-cli, src/server/terminal, and kafkajs, which has no dependencies of its own), and the
 * pure-JS codecs the cluster library imports (snappyjs, fzstd; no dependencies of their own either).
 * `optional` parts are taken when they exist.
 */
const NODE_IMAGE_SOURCES: Array<{ file: string; optional?: boolean } | { dir: string; keep: (path: string) => boolean; optional?: boolean }> = [
  { file: 'bin/kafkalab.js' },
  { file: 'bin/kafkalab-tool.js', optional: true },
  { dir: 'src/cluster', keep: runtimeSource },
  { dir: 'src/server/node', keep: runtimeSource },
  { dir: 'src/terminal', keep: runtimeSource, optional: true },
  { dir: 'src/server/tools-cli', keep: runtimeSource, optional: true },
  { dir: 'src/server/terminal', keep: runtimeSource, optional: true },
  { dir: 'node_modules/kafkajs', keep: (path) => !path.endsWith('.d.ts') && !path.endsWith('.md'), optional: true },
  { dir: 'node_modules/snappyjs', keep: (path) => !path.endsWith('.d.ts') && !path.endsWith('.md') },
  { dir: 'node_modules/fzstd', keep: (path) => !path.endsWith('.d.ts') && !path.endsWith('.md') },
];

/**
 * The kafkalab node image: its Dockerfile, this machine's Node binary as `node`, and under `kafkalab/` the
 * sources it runs (NODE_IMAGE_SOURCES) with a package.json that makes them ES modules.
 */
export function nodeContext(root: string, nodeBinary: string = process.execPath): ContextFile[] {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  const packageJson = `${JSON.stringify({ name: 'kafkalab-node', version, private: true, type: 'module' }, null, 2)}\n`;
  const sources: string[] = [];
  for (const part of NODE_IMAGE_SOURCES) {
    const path = 'file' in part ? part.file : part.dir;
    if (!existsSync(join(root, path))) {
      if (part.optional) continue;
      throw new Error(`the kafkalab node image needs ${path}, which is missing in ${root}`);
    }
    if ('file' in part) sources.push(part.file);
    else sources.push(...filesUnder(join(root, part.dir), part.keep).map((inner) => `${part.dir}/${inner}`));
  }
  return [
    { path: 'Dockerfile', source: join(root, 'docker', 'images', 'kafkalab', 'Dockerfile') },
    { path: 'node', source: nodeBinary },
    { path: 'kafkalab/package.json', content: Buffer.from(packageJson) },
    ...sources.map((path) => ({ path: `kafkalab/${path}`, source: join(root, path) })),
  ];
}

/** Writes the context into `dir` (file modes kept: the Node binary stays executable). */
export function writeContext(files: ContextFile[], dir: string): void {
  for (const file of files) {
    const target = join(dir, ...file.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    if (file.content) writeFileSync(target, file.content);
    else if (file.source) copyFileSync(file.source, target);
  }
}
