import { list, nodesOf } from '../checks/cluster-view.ts';
import { recreateTopic } from '../checks/lab-topics.ts';
import { pollUntil, waitUntil } from '../checks/poll.ts';
import { probeWrite } from '../checks/probe-write.ts';
import { deleteTopicsAndWait, topicView } from '../checks/topic-admin.ts';
import { defineLab } from '../define-lab.ts';
import type { LabContext, LabNodeStatus } from '../lab-context.ts';
import type { LabCheck, LabQuestion } from '../lab.ts';

/** Created before the outage: its partition leaders keep serving while ZooKeeper has no quorum. */
const TOPIC = 'orders';
/** The learner creates it with one ZooKeeper node stopped. */
const QUORUM_OK = 'quorum-ok';
/** The check's own topic creation while ZooKeeper has no quorum (it should fail); a suffix makes each attempt new. */
const PROBE_PREFIX = 'quorum-probe-';

/** The members' client ports on the learner's machine: zookeeper-1 on 12181, zookeeper-2 on 22181, zookeeper-3 on 32181. */
const CLIENT_PORTS = [12181, 22181, 32181];
/** Each member's `Mode:` line (leader, follower; nothing from a stopped member), one line per member: the lab shell has no loops. */
const srvrModes = CLIENT_PORTS.map((port) => `echo srvr | nc localhost ${port} | grep Mode`);

/** The ensemble as the runtime reports it (`srvr`'s Mode for each member). */
interface Ensemble {
  members: LabNodeStatus[];
  running: LabNodeStatus[];
  stopped: LabNodeStatus[];
  leader: LabNodeStatus | undefined;
  followers: LabNodeStatus[];
  /** A strict majority of all members: ⌊n/2⌋ + 1. */
  quorumSize: number;
  /** A leader and enough followers to make a majority. */
  hasQuorum: boolean;
}

async function ensemble(context: LabContext): Promise<Ensemble> {
  const members = await nodesOf(context, 'zookeeper');
  const running = members.filter((node) => node.state !== 'stopped');
  const leaders = running.filter((node) => node.mode === 'leader');
  const followers = running.filter((node) => node.mode === 'follower');
  const quorumSize = Math.floor(members.length / 2) + 1;
  return {
    members,
    running,
    stopped: members.filter((node) => node.state === 'stopped'),
    leader: leaders.length === 1 ? leaders[0] : undefined,
    followers,
    quorumSize,
    hasQuorum: leaders.length === 1 && leaders.length + followers.length >= quorumSize,
  };
}

/** `zookeeper-2: follower, zookeeper-3: stopped` */
function modes(context: LabContext, view: Ensemble): string {
  return view.members.map((node) => context.t('labs.zookeeper-quorum.check.member', { node: node.name, mode: node.state === 'stopped' ? 'stopped' : (node.mode ?? node.state) })).join(', ');
}

/** The member an answer names: `zookeeper-2`, `zk-2`, `2`, `server 2` or its client address `localhost:22181`. */
function memberFromAnswer(answer: string, members: LabNodeStatus[]): LabNodeStatus | undefined {
  const text = answer.trim().toLowerCase();
  const port = /:(\d+)$/.exec(text);
  if (port) return members.find((node) => node.port === Number(port[1]));
  const id = /^(?:zookeeper|zk|server|node)?[\s_-]*(\d+)$/.exec(text);
  if (!id) return undefined;
  return members.find((node) => node.name === `zookeeper-${id[1]}`) ?? members.find((node) => node.id === Number(id[1]));
}

const leaderQuestion: LabQuestion = {
  id: 'zookeeper-leader',
  async answer(context) {
    return (await ensemble(context)).leader?.name ?? '';
  },
  async grade(given, context) {
    const { t } = context;
    const expected = t('labs.zookeeper-quorum.check.leader-answer.expected');
    if (given === '') return { passed: false, saw: t('labs.grader.no-answer'), expected };
    const view = await ensemble(context);
    const named = memberFromAnswer(given, view.members);
    if (!named) return { passed: false, saw: t('labs.zookeeper-quorum.check.leader-answer.unknown', { answer: given }), expected };
    const passed = view.leader?.name === named.name;
    return { passed, saw: t('labs.grader.you-answered', { answer: given }), expected: passed ? t('labs.grader.you-answered', { answer: given }) : t('labs.grader.right-answer-hidden') };
  },
};

/** Exactly one member stopped, and the other two still form a quorum (they elect a leader within a moment: polls). */
const oneStopped: LabCheck = {
  id: 'one-stopped',
  timeoutMs: 12_000,
  async run(context) {
    // Only an election in progress is worth waiting for: with 0 or 2 members stopped, waiting changes nothing.
    const view = await pollUntil(() => ensemble(context), (seen) => seen.stopped.length !== 1 || seen.hasQuorum, { timeoutMs: 6_000, signal: context.signal, intervalMs: 300 });
    return {
      passed: view.stopped.length === 1 && view.hasQuorum,
      saw: context.t('labs.zookeeper-quorum.check.ensemble.saw', { stopped: view.stopped.length, total: view.members.length, members: modes(context, view) }),
      expected: context.t('labs.zookeeper-quorum.check.one-stopped.expected'),
    };
  },
};

const quorumOkExists: LabCheck = {
  id: 'quorum-ok-created',
  timeoutMs: 10_000,
  async run(context) {
    // Brokers learn a new topic from ZooKeeper; one whose session was on the stopped member is still
    // reconnecting for a moment and does not list it yet: look again for a few seconds before saying it is missing.
    const found = await pollUntil(() => topicView(context, QUORUM_OK), (view) => view !== null, { signal: context.signal, timeoutMs: 5_000, intervalMs: 250 });
    return {
      passed: found !== null,
      saw: context.t(found ? 'labs.zookeeper-quorum.check.quorum-ok.saw' : 'labs.zookeeper-quorum.check.quorum-ok.missing', { topic: QUORUM_OK }),
      expected: context.t('labs.zookeeper-quorum.check.quorum-ok.expected', { topic: QUORUM_OK }),
    };
  },
};

/**
 * Two members stopped and the last one no longer serving. A member that loses its quorum keeps its mode
 * for a tick or two before it gives up, so this polls; the runtime's status itself is slow without a quorum
 * (it cannot read Kafka's view), hence the long deadline.
 */
const twoStopped: LabCheck = {
  id: 'two-stopped',
  timeoutMs: 15_000,
  async run(context) {
    const view = await quorumLost(context, 7_000);
    return {
      passed: view.stopped.length === 2 && !view.hasQuorum && !view.leader,
      saw: context.t('labs.zookeeper-quorum.check.ensemble.saw', { stopped: view.stopped.length, total: view.members.length, members: modes(context, view) }),
      expected: context.t('labs.zookeeper-quorum.check.two-stopped.expected'),
    };
  },
};

/**
 * Waits (within `budgetMs`) for an ensemble with too few running members to notice it has lost its
 * quorum; returns what it saw last. With enough members running there is nothing to wait for.
 */
function quorumLost(context: LabContext, budgetMs: number): Promise<Ensemble> {
  const settled = (seen: Ensemble) => seen.running.length >= seen.quorumSize || (!seen.hasQuorum && !seen.leader);
  return pollUntil(() => ensemble(context), settled, { timeoutMs: budgetMs, signal: context.signal, intervalMs: 300 });
}

/** Without a quorum, a metadata change (creating a topic) must fail: the check tries one and reports what happened. */
const metadataFrozen: LabCheck = {
  id: 'metadata-frozen',
  timeoutMs: 20_000,
  async run(context) {
    const { t } = context;
    const expected = t('labs.zookeeper-quorum.check.metadata-frozen.expected');
    const view = await quorumLost(context, 5_000);
    if (view.hasQuorum || view.leader) {
      return { passed: false, saw: t('labs.zookeeper-quorum.check.still-quorum', { leader: view.leader?.name ?? '?', running: view.running.length, members: view.members.length }), expected };
    }
    const probe = `${PROBE_PREFIX}${Date.now()}`;
    const admin = await context.kafka.admin();
    const started = Date.now();
    const outcome = await Promise.race([
      // Replicated like the learner's topics: the broker's ZooKeeper client may finish this creation once
      // the quorum returns, and a single-replica leftover would lose its leader with its broker (and
      // fail later labs' metadata requests).
      admin.createTopics({ topics: [{ topic: probe, numPartitions: 1, replicationFactor: 3 }], waitForLeaders: false, timeout: 2_000 }).then(
        (created) => ({ created }),
        (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
      ),
      new Promise<{ error: string }>((resolve) => setTimeout(() => resolve({ error: t('labs.zookeeper-quorum.check.metadata-frozen.no-answer') }), 8_000)),
    ]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if ('error' in outcome) return { passed: true, saw: t('labs.zookeeper-quorum.check.metadata-frozen.failed', { topic: probe, seconds, message: outcome.error }), expected };
    await admin.deleteTopics({ topics: [probe] }).catch(() => {});
    return { passed: false, saw: t('labs.zookeeper-quorum.check.metadata-frozen.created', { topic: probe, seconds }), expected };
  },
};

/**
 * Without a quorum, partitions keep their leaders, and the leaders keep taking writes: the check writes
 * one record with acks=1 to partition 0 of a topic created before the outage and reads the high
 * watermark back (an admin call, no consumer group: those would need the group coordinator's topic).
 */
const leadersServe: LabCheck = {
  id: 'leaders-serve',
  timeoutMs: 15_000,
  async run(context) {
    const { t } = context;
    const expected = t('labs.zookeeper-quorum.check.leaders-serve.expected', { topic: TOPIC });
    const view = await quorumLost(context, 3_000);
    if (view.hasQuorum || view.leader) {
      return { passed: false, saw: t('labs.zookeeper-quorum.check.still-quorum-write', { leader: view.leader?.name ?? '?', running: view.running.length, members: view.members.length }), expected };
    }
    const probe = await probeWrite(context, TOPIC, 0, 1);
    if (!probe.accepted) return { passed: false, saw: t('labs.zookeeper-quorum.check.leaders-serve.failed', { topic: TOPIC, message: probe.message }), expected };
    const offset = Number(probe.offset);
    const admin = await context.kafka.admin();
    const high = Number((await admin.fetchTopicOffsets(TOPIC)).find((p) => p.partition === 0)?.high ?? -1);
    return {
      passed: Number.isInteger(offset) && high > offset,
      saw: t('labs.zookeeper-quorum.check.leaders-serve.saw', { topic: TOPIC, offset: probe.offset, high }),
      expected,
    };
  },
};

/** All members running again: one leader, the others followers (they sync for a moment after a start: polls). */
const quorumBack: LabCheck = {
  id: 'quorum-back',
  timeoutMs: 12_000,
  async run(context) {
    const done = (seen: Ensemble) => seen.stopped.length === 0 && seen.leader !== undefined && seen.followers.length === seen.members.length - 1;
    // Members that were just started sync with the leader for a moment; stopped ones will not start by waiting.
    const view = await pollUntil(() => ensemble(context), (seen) => seen.stopped.length > 0 || done(seen), { timeoutMs: 6_000, signal: context.signal, intervalMs: 300 });
    return {
      passed: done(view),
      saw: context.t('labs.zookeeper-quorum.check.ensemble.saw', { stopped: view.stopped.length, total: view.members.length, members: modes(context, view) }),
      expected: context.t('labs.zookeeper-quorum.check.quorum-back.expected'),
    };
  },
};

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven'];

/**
 * The learner's explanation, graded by what can be graded: it must use the word quorum or majority, and
 * say how many members a quorum of this ensemble needs (computed from the live ensemble: 2 of 3).
 */
const explanation: LabQuestion = {
  id: 'what-changed',
  async answer(context) {
    const view = await ensemble(context);
    return context.t('labs.zookeeper-quorum.what-changed.reference', { size: view.quorumSize, members: view.members.length });
  },
  async grade(given, context) {
    const { t } = context;
    const view = await ensemble(context);
    const params = { size: view.quorumSize, members: view.members.length };
    const expected = t('labs.zookeeper-quorum.check.explain.expected', params);
    if (given === '') return { passed: false, saw: t('labs.grader.no-answer'), expected };
    const text = given.toLowerCase();
    const quorum = /\b(quorum|majority)\b/.test(text);
    const size = new RegExp(`(^|[^\\d])${view.quorumSize}([^\\d]|$)|\\b${NUMBER_WORDS[view.quorumSize] ?? '-'}\\b`).test(text);
    return {
      passed: quorum && size,
      saw: t('labs.zookeeper-quorum.check.explain.saw', {
        quorum: t(quorum ? 'labs.zookeeper-quorum.check.explain.quorum-yes' : 'labs.zookeeper-quorum.check.explain.quorum-no'),
        size: t(size ? 'labs.zookeeper-quorum.check.explain.size-yes' : 'labs.zookeeper-quorum.check.explain.size-no', params),
      }),
      expected,
    };
  },
};

/** Chapter 3: a ZooKeeper ensemble of three survives one stopped member, not two; what Kafka can and cannot do without a quorum. */
export const zookeeperQuorum = defineLab({
  id: 'zookeeper-quorum',
  chapter: 3,
  topics: [TOPIC, QUORUM_OK],
  async reset(context) {
    const admin = await context.kafka.admin();
    const probes = (await admin.listTopics()).filter((name) => name.startsWith(PROBE_PREFIX));
    await deleteTopicsAndWait(context, [QUORUM_OK, ...probes]);
    await recreateTopic(context, { topic: TOPIC, numPartitions: 3, replicationFactor: 3 });
  },
  steps: [
    {
      id: 'find-leader',
      hints: 2,
      checks: [],
      questions: [leaderQuestion],
      solution: srvrModes,
      async solve() {
        // Answering is the whole step: the reference answer comes from the question itself.
      },
    },
    {
      id: 'stop-one',
      hints: 3,
      checks: [oneStopped, quorumOkExists],
      solution: ['kafkalab stop zookeeper-<leader>', ...srvrModes, `kafka-topics --bootstrap-server localhost:19092 --create --topic ${QUORUM_OK}`],
      async solve(context) {
        const leader = (await ensemble(context)).leader;
        if (!leader) throw new Error('reference solution: the ensemble has no leader to stop');
        await context.cluster.nodeAction(leader.name, 'stop');
        await waitUntil(`a new ZooKeeper leader after stopping ${leader.name}`, () => ensemble(context), (seen) => seen.hasQuorum, { timeoutMs: 15_000, signal: context.signal, intervalMs: 200 });
        const admin = await context.kafka.admin();
        await admin.createTopics({ topics: [{ topic: QUORUM_OK }], waitForLeaders: true, timeout: 10_000 });
      },
    },
    {
      id: 'stop-two',
      hints: 3,
      checks: [twoStopped, metadataFrozen, leadersServe],
      solution: [
        'kafkalab stop zookeeper-<another>',
        ...CLIENT_PORTS.map((port) => `echo srvr | nc localhost ${port}`),
        'kafka-topics --bootstrap-server localhost:19092 --create --topic no-quorum',
        `echo hello | kafka-console-producer --bootstrap-server localhost:19092 --topic ${TOPIC} --producer-property acks=1`,
      ],
      async solve(context) {
        const running = (await ensemble(context)).running;
        await context.cluster.nodeAction(running[0].name, 'stop');
        await waitUntil('the last ZooKeeper member to give up its quorum', () => ensemble(context), (seen) => !seen.hasQuorum && !seen.leader, { timeoutMs: 15_000, signal: context.signal, intervalMs: 300 });
      },
    },
    {
      id: 'restore',
      hints: 2,
      checks: [quorumBack],
      questions: [explanation],
      solution: ['kafkalab start zookeeper-<leader>', 'kafkalab start zookeeper-<another>', ...srvrModes, 'kafka-topics --bootstrap-server localhost:19092 --list'],
      async solve(context) {
        for (const node of (await ensemble(context)).stopped) await context.cluster.nodeAction(node.name, 'start');
        await waitUntil('one leader and two followers', () => ensemble(context), (seen) => seen.stopped.length === 0 && seen.leader !== undefined && seen.followers.length === seen.members.length - 1, { timeoutMs: 20_000, signal: context.signal, intervalMs: 300 });
      },
    },
  ],
});
