/** ZooKeeper's `StatPrinter` (3.8.4): the 11-line stat block of `stat`, `get -s`, `ls -s` and `set -s`. */
import type { Stat } from '../../../cluster/zookeeper/client/index.ts';
import type { ToolEnvironment } from '../../tool-environment.ts';
import { javaDateString } from './java-date.ts';

/** Java's `Long.toHexString`: two's complement for negative values (an ephemeral owner never is, in practice). */
function hex(value: bigint): string {
  return `0x${BigInt.asUintN(64, value).toString(16)}`;
}

export function statBlock(env: ToolEnvironment, stat: Stat): string {
  return (
    `cZxid = ${hex(stat.czxid)}\n` +
    `ctime = ${javaDateString(env, Number(stat.ctime))}\n` +
    `mZxid = ${hex(stat.mzxid)}\n` +
    `mtime = ${javaDateString(env, Number(stat.mtime))}\n` +
    `pZxid = ${hex(stat.pzxid)}\n` +
    `cversion = ${stat.cversion}\n` +
    `dataVersion = ${stat.version}\n` +
    `aclVersion = ${stat.aversion}\n` +
    `ephemeralOwner = ${hex(stat.ephemeralOwner)}\n` +
    `dataLength = ${stat.dataLength}\n` +
    `numChildren = ${stat.numChildren}\n`
  );
}
