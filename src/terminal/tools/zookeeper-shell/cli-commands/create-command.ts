/**
 * `create [-s] [-e] [-c] [-t ttl] path [data] [acl]` (ZooKeeper 3.8.4 `CreateCommand`): prints
 * `Created <path>` on stderr (with the sequence suffix for `-s`).
 */
import type { CreateMode } from '../../../../cluster/zookeeper/client/index.ts';
import { onZooKeeper } from '../cli-command.ts';
import type { CliCommand } from '../cli-command.ts';
import { CliError } from '../cli-error.ts';
import { parseCommandLine } from '../cli-options.ts';
import type { CliOption } from '../cli-options.ts';
import { invalidPathMessage } from '../path-utils.ts';
import { commandUsage } from '../usage.ts';

const options: CliOption[] = [
  { name: 'e', hasArg: false, description: 'ephemeral' },
  { name: 's', hasArg: false, description: 'sequential' },
  { name: 'c', hasArg: false, description: 'container' },
  { name: 't', hasArg: true, description: 'ttl' },
];

/** `EphemeralType.TTL`'s largest TTL (40 bits). */
const MAX_TTL = 0xff_ffff_ffffn;
/** The only ACL our client sets; `AclParser` spells it so. */
const OPEN_ACL = 'world:anyone:cdrwa';

export const createCommand: CliCommand = {
  name: 'create',
  options,
  async run(words, context) {
    const line = parseCommandLine(options, words);
    if (line.args.length < 2) throw new CliError(commandUsage('create'));
    const [ephemeral, sequential, container, ttlGiven] = ['e', 's', 'c', 't'].map((name) => line.has(name));
    if (container && (ephemeral || sequential)) {
      throw new CliError('-c cannot be combined with -s or -e. Containers cannot be ephemeral or sequential.');
    }
    const ttlText = line.value('t') ?? '';
    if (ttlGiven && !/^[+-]?\d+$/.test(ttlText)) throw new CliError('-t argument must be a long value');
    if (ttlGiven && ephemeral) throw new CliError('TTLs cannot be used with Ephemeral znodes');
    if (ttlGiven && container) throw new CliError('TTLs cannot be used with Container znodes');
    if (ttlGiven && (BigInt(ttlText) <= 0n || BigInt(ttlText) > MAX_TTL)) {
      throw new CliError(`ttl must be positive and cannot be larger than: ${MAX_TTL}`);
    }
    const [, path, data, acl] = line.args;
    if (ttlGiven) {
      // A stock server runs with extended types (TTL znodes) disabled and answers Unimplemented.
      const invalid = invalidPathMessage(path);
      if (invalid) throw new CliError(invalid);
      throw new CliError(`KeeperErrorCode = Unimplemented for ${path}`);
    }
    if (container) throw new CliError('kafkalab: container znodes (create -c) are not available in this lab');
    if (acl !== undefined && acl !== OPEN_ACL) throw new CliError(`kafkalab: znodes here can only have the open ACL (${OPEN_ACL})`);
    const mode: CreateMode = ephemeral ? (sequential ? 'ephemeral-sequential' : 'ephemeral') : sequential ? 'persistent-sequential' : 'persistent';
    const created = await onZooKeeper(context, path, (client) => client.create(path, data, mode));
    await context.err(`Created ${created}\n`);
  },
};
