/**
 * The usage list that zookeeper-shell prints on stderr for an unknown or empty command: Kafka's wrapper
 * header (`kafkaTlsUsage`), then ZooKeeper 3.8.4's `commandMap`, sorted, one `TAB cmd SPACE options` line
 * each (so a command without options ends in a space).
 */

/** Every command of ZooKeeper 3.8.4's `ZooKeeperMain.commandMap` with its option string. */
export const zooKeeperCommandOptions: ReadonlyMap<string, string> = new Map([
  ['addWatch', '[-m mode] path # optional mode is one of [PERSISTENT, PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE'],
  ['addauth', 'scheme auth'],
  ['close', ''],
  ['config', '[-c] [-w] [-s]'],
  ['connect', 'host:port'],
  ['create', '[-s] [-e] [-c] [-t ttl] path [data] [acl]'],
  ['delete', '[-v version] path'],
  ['deleteall', 'path [-b batch size]'],
  ['delquota', '[-n|-b|-N|-B] path'],
  ['get', '[-s] [-w] path'],
  ['getAcl', '[-s] path'],
  ['getAllChildrenNumber', 'path'],
  ['getEphemerals', 'path'],
  ['history', ''],
  ['listquota', 'path'],
  ['ls', '[-s] [-w] [-R] path'],
  ['printwatches', 'on|off'],
  ['quit', ''],
  [
    'reconfig',
    '[-s] [-v version] [[-file path] | [-members serverID=host:port1:port2;port3[,...]*]] | [-add serverId=host:port1:port2;port3[,...]]* [-remove serverId[,...]*]',
  ],
  ['redo', 'cmdno'],
  ['removewatches', 'path [-c|-d|-a] [-l]'],
  ['set', '[-s] [-v version] path data'],
  ['setAcl', '[-s] [-v version] [-R] path acl'],
  ['setquota', '-n|-b|-N|-B val path'],
  ['stat', '[-w] path'],
  ['sync', 'path'],
  ['version', ''],
  ['whoami', ''],
]);

/** Java's `String.compareTo` order (UTF-16 code units), as `Collections.sort` uses. */
function javaOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function usageList(): string {
  const lines = ['ZooKeeper -server host:port [-zk-tls-config-file <file>] cmd args'];
  for (const name of [...zooKeeperCommandOptions.keys()].sort(javaOrder)) lines.push(`\t${name} ${zooKeeperCommandOptions.get(name)}`);
  return lines.join('\n') + '\n';
}

/** `CliCommand.getUsageStr()`: `get [-s] [-w] path`. */
export function commandUsage(name: string): string {
  return `${name} ${zooKeeperCommandOptions.get(name) ?? ''}`;
}
