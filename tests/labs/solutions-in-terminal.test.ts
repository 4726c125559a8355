/**
 * Every lab done through its solution lines, typed into the lab shell as the page's Run buttons type
 * them (the course's addresses, `localhost:19092`, `localhost:12181`, lead to the test cluster), with
 * each line recorded as the learner's activity; the answers are read off what the terminal printed;
 * then each step is graded and must pass. One lab at a time, each on a fresh cluster.
 */
import { describe, expect, it } from 'vitest';
import { isRunnable } from '../../src/components/terminal/runnable-command.ts';
import { labs } from '../../src/labs/registry.ts';
import { labCommandRegistry } from '../../src/terminal/lab-commands.ts';
import { isCommandLine, placeholdersOf, solveInTerminal, type LabPlan, type Transcript } from './support/solution-runner.ts';

const DESCRIBE = /^kafka-topics .*--describe/;
const STATE = /get \/brokers\/topics\/inventory\/partitions\/0\/state$/;
const GET_CONTROLLER = /get \/controller$/;
const BROKER_ID = /"brokerid":(\d+)/;

/** `Leader:` of partition `partition` in kafka-topics --describe's newest output. */
const describedLeader = (seen: Transcript, partition: number) => seen.read(DESCRIBE, new RegExp(`\\tPartition: ${partition}\\tLeader: (\\d+)\\t`));

/** zookeeper-N whose `srvr` printed `Mode: leader` in the newest round of the three srvr lines. */
function zookeeperLeader(seen: Transcript): string {
  const port = seen.runs.slice(-3).find((run) => /^Mode: leader$/m.test(run.output))?.line.match(/nc localhost (\d)2181/)?.[1];
  if (!port) throw new Error(`no member said Mode: leader:\n${seen.runs.slice(-3).map((run) => `${run.line}\n${run.output}`).join('\n')}`);
  return port;
}

/** The newest `echo srvr | nc localhost N2181 | grep Mode` line of member N. */
const srvrOf = (member: string) => new RegExp(`nc localhost ${member}2181 \\| grep Mode$`);
/** A `Mode:` line: the member is serving (a stopped one prints nothing; one without a quorum, no Mode). */
const serving = (output: string) => /^Mode: (leader|follower)$/m.test(output);
const anyExit = { exitCode: 'any' as const };

/** kafka-consumer-groups --describe of a stable group that has read everything: a LAG of 0 on every partition. */
function caughtUp(output: string): boolean {
  const rows = output.split('\n').filter((row) => /^order-workers /.test(row));
  return !/rebalancing/.test(output) && rows.length === 4 && rows.every((row) => row.split(/\s+/)[5] === '0');
}

/**
 * How each lab's lines are run where "type it, wait for the prompt, expect status 0" is not the
 * whole story, and how the learner's answers and the values of placeholders (`kafkalab stop
 * kafka-<leader>`: the page shows Copy, not Run) are read off the terminal. Line numbers are
 * indexes into the step's `solution`.
 */
const PLANS: Record<string, LabPlan> = {
  'cluster-up': {
    'find-controller': { answers: { controller: (seen) => seen.read(GET_CONTROLLER, BROKER_ID) } },
  },
  'broker-ids': {
    'list-brokers': { answers: { 'broker-ids': (seen) => [...seen.last(/grep id:$/).output.matchAll(/\(id: (\d+) rack/g)].map((match) => match[1]).join(', ') } },
    'map-leaders': { answers: Object.fromEntries([0, 1, 2].map((p) => [`partition-${p}-leader`, (seen: Transcript) => describedLeader(seen, p)])) },
    'bootstrap-past-stopped': {
      // Its only bootstrap server is the stopped kafka-1: the tool retries it until Ctrl-C (130).
      lines: { 1: { interruptWhen: /Connection to node -1 \(localhost\/127\.0\.0\.1:19092\) could not be established/, exitCode: 130 } },
    },
  },
  'zookeeper-znodes': {
    'broker-registrations': { answers: { 'registered-brokers': (seen) => seen.read(/ls \/brokers\/ids$/, /^\[([\d, ]+)\]$/m) } },
    'controller-znode': { answers: { 'controller-broker': (seen) => seen.read(GET_CONTROLLER, BROKER_ID) } },
    'topic-assignment': { answers: { 'preferred-leader': (seen) => seen.read(/get \/brokers\/topics\/inventory$/, /"1":\[(\d+),/) } },
    'partition-state': {
      answers: { 'leader-epoch': (seen) => seen.read(STATE, /"leader_epoch":(\d+)/), isr: (seen) => seen.read(STATE, /"isr":\[([\d,]+)\]/) },
    },
    'stop-a-broker': {
      fill: (seen) => ({ leader: seen.read(STATE, /"leader":(\d+)/) }),
      answers: { 'leader-after-stop': (seen) => seen.read(STATE, /"leader":(\d+)/), 'leader-epoch-after-stop': (seen) => seen.read(STATE, /"leader_epoch":(\d+)/) },
    },
  },
  'zookeeper-quorum': {
    'find-leader': { answers: { 'zookeeper-leader': (seen) => `zookeeper-${zookeeperLeader(seen)}` } },
    'stop-one': {
      fill: (seen) => ({ leader: zookeeperLeader(seen) }),
      // The stopped leader's port refuses (nc 1, then grep finds nothing: 1); the other two elect a leader
      // within moments (until then they are not serving, no Mode line): ask all three again until one leads.
      lines: { 1: anyExit, 2: anyExit, 3: { ...anyExit, repeatFrom: 1, repeatUntil: (_, seen) => seen.runs.slice(-3).some((run) => /^Mode: leader$/m.test(run.output)) } },
    },
    'stop-two': {
      // Either member still running; the learner picks one.
      fill: (seen) => ({ another: ['1', '2', '3'].find((member) => serving(seen.last(srvrOf(member)).output))! }),
      lines: {
        // Two stopped members refuse (nc 1); the last one answers that it is not serving.
        1: anyExit,
        2: anyExit,
        3: anyExit,
        // No quorum: the controller cannot write the topic to ZooKeeper.
        4: { exitCode: 1 },
      },
    },
    restore: {
      // A member that just started syncs with the leader before it answers with a Mode: ask again.
      lines: { 2: { repeatUntil: serving }, 3: { repeatUntil: serving }, 4: { repeatUntil: serving } },
    },
  },
  'seed-topic': {
    'describe-topic': { answers: { 'partition-0-leader': (seen) => describedLeader(seen, 0) } },
  },
  'broker-failure': {
    'stop-broker': { answers: { 'leader-after-stop': (seen) => describedLeader(seen, 0) } },
    'start-broker': {
      // kafka-2 rejoins the ISR once it has caught up: describe again until both ISRs list all three.
      lines: { 1: { repeatUntil: (output) => (output.match(/\tIsr: \d,\d,\d\t/g) ?? []).length === 2 } },
      answers: { 'leader-after-return': (seen) => describedLeader(seen, 0) },
    },
  },
  'min-insync-replicas': {
    'name-the-error': {
      answers: {
        'acks-all-error': (seen) => seen.read(/acks=all$/, /Error: ([A-Z_]+) \(/),
        copies: (seen) => String(seen.read(DESCRIBE, /\tIsr: ([\d,]+)\t/).split(',').length),
      },
    },
    restore: { lines: { 2: { repeatUntil: (output) => /\tIsr: \d,\d,\d\t/.test(output) } } },
  },
  'console-produce-consume': {
    'produce-keyed': {
      answers: {
        'key-partition': (seen) => {
          const [, partition, key] = /^Partition:(\d+)\t([^\t]+)\t/m.exec(seen.last(/print\.key=true$/).output) ?? [];
          return `${key}:${partition}`;
        },
      },
    },
  },
  'consumer-groups': {
    'start-two-consumers': {
      // Terminals 1 and 2 each run a consumer of the group and leave it running; terminal 3 looks. The group
      // rebalances when the second one joins: describe again until each member has two partitions and the lag is 0.
      lines: {
        1: { keepRunning: true },
        3: { terminal: 1, keepRunning: true },
        5: { terminal: 2, repeatUntil: (output) => (output.match(/ console-consumer 2 /g) ?? []).length === 2 },
        6: { terminal: 2, repeatUntil: caughtUp },
      },
      settles: true,
    },
    'stop-one-consumer': {
      // Ctrl-C in terminal 2, whose consumer leaves the group; the producer runs there.
      lines: { 0: { interrupt: 1 }, 1: { terminal: 1 }, 7: { terminal: 1, repeatUntil: caughtUp } },
      settles: true,
    },
  },
  'kraft-mapping': {
    'controller-failover': {
      fill: (seen) => ({ id: seen.read(GET_CONTROLLER, BROKER_ID) }),
      // Right after the stop, /controller may not exist yet: the brokers race to create it. Ask until another broker holds it.
      lines: { 2: { repeatUntil: (output, seen) => (BROKER_ID.exec(output)?.[1] ?? seen.values.id) !== seen.values.id } },
      answers: { 'new-controller': (seen) => seen.read(GET_CONTROLLER, BROKER_ID) },
    },
  },
};

/** The steps whose solution has a value the learner reads first: the page offers Copy, not Run; here the plan reads the value off the terminal. */
const FILLED_IN = ['zookeeper-znodes/stop-a-broker', 'zookeeper-quorum/stop-one', 'zookeeper-quorum/stop-two', 'zookeeper-quorum/restore', 'kraft-mapping/controller-failover'];

/** The questions answered with the cluster's reference answer: explanations and facts about KRaft, nothing the terminal prints. */
const REFERENCE_ANSWERED = [
  'zookeeper-quorum/what-changed',
  'kraft-mapping/brokers-ids',
  'kraft-mapping/controller',
  'kraft-mapping/partition-state',
  'kraft-mapping/controller-epoch',
  'kraft-mapping/topic-config',
  'kraft-mapping/kraft-takeover',
];

describe('lab solutions, run as typed in the lab shell', () => {
  it('every command of every solution gets a Run button on the page, but those with a value to fill in; those and the reference answers are the ones listed here', () => {
    const shellCommands = new Set(labCommandRegistry().names());
    const filled: string[] = [];
    const referenced: string[] = [];
    for (const lab of labs) {
      for (const [index, step] of lab.steps.entries()) {
        expect(step.solution?.length, `${lab.id}/${step.id} has no solution lines`).toBeGreaterThan(0);
        const commands = (step.solution ?? []).filter(isCommandLine);
        for (const line of commands) expect(isRunnable(line, shellCommands), `${lab.id}/${step.id}: ${line}`).toBe(placeholdersOf(line).length === 0);
        if (commands.some((line) => placeholdersOf(line).length > 0)) {
          filled.push(`${lab.id}/${step.id}`);
          expect(lab.steps.slice(0, index + 1).some((earlier) => PLANS[lab.id]?.[earlier.id]?.fill), `nothing reads the values of ${lab.id}/${step.id}`).toBe(true);
        }
        for (const question of step.questions ?? []) if (!PLANS[lab.id]?.[step.id]?.answers?.[question.id]) referenced.push(`${lab.id}/${question.id}`);
      }
    }
    expect(filled).toEqual(FILLED_IN);
    expect(referenced).toEqual(REFERENCE_ANSWERED);
  });

  it.each(labs.map((lab) => [lab.id, lab] as const))('%s', { timeout: 240_000 }, async (id, lab) => {
    await solveInTerminal(lab, PLANS[id] ?? {});
  });
});
