/**
 * Real peers from Debian packages (kcat, kazoo, Apache ZooKeeper, zkCli.sh, chromium, nc) and the one rule
 * that decides what a test needing a missing one does:
 *
 * - the peer is installed: the tests run;
 * - missing under `CI=true`: the tests still do not skip. The suite fails before its own hooks run, with
 *   "kcat is missing: apt-get install kcat" (the summary reporter counts its tests as failed);
 * - missing elsewhere: the suite is skipped and carries that sentence as its reason (`meta.skipReason`),
 *   which the summary reporter prints on a `skipped:` line.
 *
 *   describeWithPeer('kcat', 'kcat against the teaching cluster', () => { ... });
 *
 * Node-only; never imported by `src/` code (only by tests).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe } from 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Why a suite or test is skipped; read by tests/support/summary-reporter.ts. */
    skipReason?: string;
  }
}

/** Debian's python: the first python3 on PATH may lack Debian's modules (kazoo). */
export const PYTHON = '/usr/bin/python3';
export const KCAT = '/usr/bin/kcat';
export const JAVA = '/usr/bin/java';
export const ZKCLI = '/usr/share/zookeeper/bin/zkCli.sh';
/** The jars a real ZooKeeper server needs: `zookeeper.jar` (its manifest brings the rest), a log binding and log4j. */
export const ZOOKEEPER_JAR_DIR = '/usr/share/java';
export const ZOOKEEPER_JARS = ['zookeeper.jar', 'slf4j-log4j12.jar', 'log4j-1.2.jar'];
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Peer {
  /** What the failure and skip messages call it. */
  readonly name: string;
  /** The Debian package that provides it. */
  readonly debianPackage: string;
  /** True when it is installed and runs. */
  detect(): boolean;
}

const runs = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
const javaRuns = () => existsSync(JAVA) && runs(JAVA, ['-version']);

export const PEERS = {
  kcat: { name: 'kcat', debianPackage: 'kcat', detect: () => existsSync(KCAT) && runs(KCAT, ['-V']) },
  kazoo: { name: 'kazoo', debianPackage: 'python3-kazoo', detect: () => existsSync(PYTHON) && runs(PYTHON, ['-c', 'import kazoo']) },
  zookeeper: {
    name: 'Apache ZooKeeper',
    debianPackage: 'zookeeper',
    detect: () => ZOOKEEPER_JARS.every((jar) => existsSync(path.join(ZOOKEEPER_JAR_DIR, jar))) && javaRuns(),
  },
  zkCli: { name: 'zkCli.sh', debianPackage: 'zookeeper', detect: () => existsSync(ZKCLI) && javaRuns() },
  chromium: { name: 'chromium', debianPackage: 'chromium', detect: () => existsSync(CHROMIUM) },
  // The tests use OpenBSD nc's `-N` (shut down the socket after stdin's EOF); other netcats lack it.
  nc: {
    name: 'nc (OpenBSD)',
    debianPackage: 'netcat-openbsd',
    detect: () => {
      const help = spawnSync('nc', ['-h'], { encoding: 'utf8', timeout: 10_000 });
      return help.error === undefined && /OpenBSD/.test(`${help.stdout}${help.stderr}`);
    },
  },
} as const satisfies Record<string, Peer>;

export type PeerId = keyof typeof PEERS;

const detected = new Map<PeerId, boolean>();

/** Whether `peer` is installed here (detected once per test file). */
export function peerAvailable(peer: PeerId): boolean {
  let available = detected.get(peer);
  if (available === undefined) {
    available = PEERS[peer].detect();
    detected.set(peer, available);
  }
  return available;
}

/** "kcat is missing: apt-get install kcat". */
export function missingPeerMessage(peer: PeerId): string {
  const { name, debianPackage } = PEERS[peer];
  return `${name} is missing: apt-get install ${debianPackage}`;
}

export type PeerGate =
  | { readonly action: 'run' }
  | { readonly action: 'skip'; readonly reason: string }
  | { readonly action: 'fail'; readonly reason: string };

/**
 * The decision for tests that need every peer in `needed`: run when all are installed; otherwise fail
 * under `CI=true` and skip (with the reason) anywhere else.
 */
export function peerGate(...needed: PeerId[]): PeerGate {
  const missing = needed.filter((peer) => !peerAvailable(peer));
  if (missing.length === 0) return { action: 'run' };
  const reason = missing.map(missingPeerMessage).join('; ');
  return process.env.CI === 'true' ? { action: 'fail', reason } : { action: 'skip', reason };
}

/** `describe(name, fn)` for tests that need `peer` (or several), gated by `peerGate`. */
export function describeWithPeer(peer: PeerId | readonly PeerId[], name: string, fn: () => void): void {
  const gate = peerGate(...(typeof peer === 'string' ? [peer] : peer));
  switch (gate.action) {
    case 'run':
      describe(name, fn);
      return;
    case 'skip':
      describe(name, { skip: true, meta: { skipReason: gate.reason } }, fn);
      return;
    case 'fail':
      describe(name, () => {
        // Registered before the suite's own hooks, so it fails first and nothing half-starts.
        beforeAll(() => {
          throw new Error(gate.reason);
        });
        fn();
      });
      return;
  }
}
