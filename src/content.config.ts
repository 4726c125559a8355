import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

/** Frontmatter that kafkalab adds to Starlight's own page schema. */
const lessonFields = z.object({
  /** Chapter number shown on the home page; the folder's numeric prefix orders the sidebar. */
  chapter: z.number().int().positive().optional().describe('Chapter number, matching the folder prefix.'),
  /** One-line summary shown on the home page's chapter list. */
  summary: z.string().optional().describe('One sentence on what the chapter teaches.'),
  /** Ids of the labs the chapter embeds (`<LabSection lab="..." />`), in page order; tests/labs/lessons-embed-labs.test.ts keeps them in step. */
  labs: z.array(z.string()).default([]).describe('Lab ids paired with this chapter, as its Lab section embeds them.'),
});

/**
 * kafkalab's UI strings (`src/content/i18n/<lang>.json`), beside Starlight's own. Each language
 * file must give every one; the page scripts receive them through `<UiStrings>`, so they carry no
 * English of their own. Placeholders are i18next's `{{name}}`; plurals use `_one` / `_other`.
 */
const uiStringKeys = [
  /** A lesson's Lab section and the lab cards. */
  'kafkalab.lab.pending', 'kafkalab.lab.pendingDetail', 'kafkalab.lab.preview', 'kafkalab.lab.kicker',
  'kafkalab.lab.steps_one', 'kafkalab.lab.steps_other', 'kafkalab.lab.open', 'kafkalab.lab.chapter',
  /** The lab index, /labs/. */
  'kafkalab.labs.title', 'kafkalab.labs.description', 'kafkalab.labs.progressLink',
  /** A lab's page: steps, checks, hints, skip, set up and start over, the server gone. */
  'kafkalab.labPage.fromChapter', 'kafkalab.labPage.jumpToCluster', 'kafkalab.labPage.stepsTitle',
  'kafkalab.labPage.progress', 'kafkalab.labPage.loading', 'kafkalab.labPage.stepNumber',
  'kafkalab.labPage.state.pending', 'kafkalab.labPage.state.current', 'kafkalab.labPage.state.passed',
  'kafkalab.labPage.state.skipped', 'kafkalab.labPage.check', 'kafkalab.labPage.checking',
  'kafkalab.labPage.result.passed', 'kafkalab.labPage.result.failed', 'kafkalab.labPage.result.checkPassed',
  'kafkalab.labPage.result.checkFailed', 'kafkalab.labPage.result.saw', 'kafkalab.labPage.result.expected',
  'kafkalab.labPage.result.hint', 'kafkalab.labPage.result.timedOut', 'kafkalab.labPage.hints.title',
  'kafkalab.labPage.hints.show', 'kafkalab.labPage.hints.allShown', 'kafkalab.labPage.hints.label',
  'kafkalab.labPage.skip', 'kafkalab.labPage.skipConfirm', 'kafkalab.labPage.skipYes', 'kafkalab.labPage.skipping',
  'kafkalab.labPage.cancel', 'kafkalab.labPage.solution', 'kafkalab.labPage.setupText', 'kafkalab.labPage.setup',
  'kafkalab.labPage.settingUp', 'kafkalab.labPage.reset', 'kafkalab.labPage.resetConfirm',
  'kafkalab.labPage.resetYes', 'kafkalab.labPage.resetting', 'kafkalab.labPage.resetDone',
  'kafkalab.labPage.stepPassed', 'kafkalab.labPage.stepSkipped', 'kafkalab.labPage.completed',
  'kafkalab.labPage.serverGone', 'kafkalab.labPage.retrying', 'kafkalab.labPage.needs.partition', 'kafkalab.labPage.needs.action',
  /** The live cluster picture and its controls. */
  'kafkalab.cluster.title', 'kafkalab.cluster.connecting', 'kafkalab.cluster.up', 'kafkalab.cluster.down',
  'kafkalab.cluster.state.up', 'kafkalab.cluster.state.down', 'kafkalab.cluster.state.starting',
  'kafkalab.cluster.state.stopping', 'kafkalab.cluster.state.unreachable', 'kafkalab.cluster.zookeeper',
  'kafkalab.cluster.brokers', 'kafkalab.cluster.mode.leader', 'kafkalab.cluster.mode.follower',
  'kafkalab.cluster.mode.looking', 'kafkalab.cluster.mode.stopped', 'kafkalab.cluster.node.running',
  'kafkalab.cluster.node.stopped', 'kafkalab.cluster.node.isolated', 'kafkalab.cluster.controller',
  'kafkalab.cluster.brokerId', 'kafkalab.cluster.myid', 'kafkalab.cluster.action.stop',
  'kafkalab.cluster.action.kill', 'kafkalab.cluster.action.start', 'kafkalab.cluster.actionLabel.stop',
  'kafkalab.cluster.actionLabel.kill', 'kafkalab.cluster.actionLabel.start', 'kafkalab.cluster.connectZooKeeper',
  'kafkalab.cluster.connectKafka', 'kafkalab.cluster.partitions', 'kafkalab.cluster.topic',
  'kafkalab.cluster.partition', 'kafkalab.cluster.epoch', 'kafkalab.cluster.replica.leader',
  'kafkalab.cluster.replica.inSync', 'kafkalab.cluster.replica.outOfSync', 'kafkalab.cluster.replica.none',
  'kafkalab.cluster.noLeader', 'kafkalab.cluster.topicMissing', 'kafkalab.cluster.partitionsWhenUp',
  'kafkalab.cluster.changes', 'kafkalab.cluster.noChanges', 'kafkalab.cluster.change.cluster',
  'kafkalab.cluster.change.node', 'kafkalab.cluster.change.zookeeperLeader', 'kafkalab.cluster.change.quorumLost',
  'kafkalab.cluster.change.quorumRegained', 'kafkalab.cluster.change.controller', 'kafkalab.cluster.change.leader',
  'kafkalab.cluster.change.isr', 'kafkalab.cluster.change.controllerRequest', 'kafkalab.cluster.change.leaderAndIsrPartition',
  'kafkalab.cluster.change.stopReplicaPartition', 'kafkalab.cluster.change.stopReplicaDelete', 'kafkalab.cluster.change.morePartitions',
  'kafkalab.cluster.change.requestRefused', 'kafkalab.cluster.change.requestUndelivered', 'kafkalab.cluster.none',
  /** Which runtime runs the cluster, the switch, image pulls, AKHQ. */
  'kafkalab.cluster.runtime.label', 'kafkalab.cluster.runtime.embedded', 'kafkalab.cluster.runtime.docker',
  'kafkalab.cluster.runtime.dockerNoEngine', 'kafkalab.cluster.runtime.name.embedded', 'kafkalab.cluster.runtime.name.docker',
  'kafkalab.cluster.runtime.switchTo.embedded', 'kafkalab.cluster.runtime.switchTo.docker', 'kafkalab.cluster.runtime.switching',
  'kafkalab.cluster.runtime.switchHelp', 'kafkalab.cluster.runtime.pulling', 'kafkalab.cluster.runtime.pullingUnknown',
  'kafkalab.cluster.runtime.pullLabel', 'kafkalab.cluster.runtime.pullFailed', 'kafkalab.cluster.runtime.service',
  /** The progress page, /progress/. */
  'kafkalab.progress.title', 'kafkalab.progress.description', 'kafkalab.progress.step', 'kafkalab.progress.state',
  'kafkalab.progress.hints', 'kafkalab.progress.checks', 'kafkalab.progress.checksValue', 'kafkalab.progress.when',
  'kafkalab.progress.complete', 'kafkalab.progress.summary', 'kafkalab.progress.unknown',
  /** The terminal (lab pages, lessons' `<Terminal />`): tabs, connection states, Run and Copy buttons. */
  'kafkalab.terminal.title', 'kafkalab.terminal.intro', 'kafkalab.terminal.open', 'kafkalab.terminal.hide',
  'kafkalab.terminal.show', 'kafkalab.terminal.tabs', 'kafkalab.terminal.tab', 'kafkalab.terminal.add',
  'kafkalab.terminal.addLabel', 'kafkalab.terminal.addLimit', 'kafkalab.terminal.close',
  'kafkalab.terminal.screenReader', 'kafkalab.terminal.promptLabel', 'kafkalab.terminal.tooMuchOutput',
  'kafkalab.terminal.connecting', 'kafkalab.terminal.reconnecting', 'kafkalab.terminal.serverDown',
  'kafkalab.terminal.retryIn', 'kafkalab.terminal.retryNow', 'kafkalab.terminal.ended', 'kafkalab.terminal.newShell',
  'kafkalab.terminal.tryAgain', 'kafkalab.terminal.replaced', 'kafkalab.terminal.run',
  'kafkalab.terminal.runInTerminal', 'kafkalab.terminal.runLabel', 'kafkalab.terminal.type',
  'kafkalab.terminal.typeLabel', 'kafkalab.terminal.typed', 'kafkalab.terminal.copy', 'kafkalab.terminal.copyLabel',
  'kafkalab.terminal.copied', 'kafkalab.terminal.copyFailed', 'kafkalab.terminal.notConnected',
] as const;
const uiStrings = z.object(Object.fromEntries(uiStringKeys.map((key) => [key, z.string()])) as Record<(typeof uiStringKeys)[number], z.ZodString>);

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: lessonFields }) }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: uiStrings }) }),
};
