/** One ensemble member as the others know it. */
export interface EnsembleMember {
  id: number;
  /** Its client port (0 or less: not known here, as for the peers of a member of a multi-process ensemble). */
  clientPort: number;
  /** Where its peers reach it, when members are separate processes (`server.N=host:quorumPort:electionPort`). */
  peer?: { host: string; quorumPort: number; electionPort: number };
}

/**
 * The ensemble membership as a real 3.8 member prints it (`QuorumVerifier.toString()`): one
 * `server.N=host:quorumPort:electionPort:participant;clientHost:clientPort` line per member, then
 * `version=0` (the config version; no reconfig has happened). `conf` shows it after `membership: `,
 * and `/zookeeper/config` holds it (without a trailing newline). Members of the in-process ensemble
 * have no quorum/election ports to show: -1. A client address is printed when the client port is known.
 */
export function membershipLines(host: string, members: ReadonlyArray<EnsembleMember>): string[] {
  const line = (m: EnsembleMember) => {
    const peer = m.peer ? `${m.peer.host}:${m.peer.quorumPort}:${m.peer.electionPort}` : `${host}:-1:-1`;
    return `server.${m.id}=${peer}:participant${m.clientPort > 0 ? `;${host}:${m.clientPort}` : ''}`;
  };
  return [...members.map(line), 'version=0'];
}
