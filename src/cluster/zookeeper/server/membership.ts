/**
 * The ensemble membership as a real 3.8 member prints it (`QuorumVerifier.toString()`): one
 * `server.N=host:quorumPort:electionPort:participant;clientHost:clientPort` line per member, then
 * `version=0` (the config version; no reconfig has happened). `conf` shows it after `membership: `,
 * and `/zookeeper/config` holds it (without a trailing newline). Members talk in-process, so there are
 * no quorum/election ports to show: -1.
 */
export function membershipLines(host: string, members: ReadonlyArray<{ id: number; clientPort: number }>): string[] {
  return [...members.map((m) => `server.${m.id}=${host}:-1:-1:participant;${host}:${m.clientPort}`), 'version=0'];
}
