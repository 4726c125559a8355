#!/usr/bin/env node
// One of the course's Kafka tools by its real name, for the kafkalab container image, whose
// /usr/local/bin/kafka-topics (and the rest) run `kafkalab-tool.js kafka-topics ARGS`. Loads only the
// tools (src/terminal, src/server/tools-cli) and kafkajs, not the web server.
const [name, ...args] = process.argv.slice(2);
if (name === 'kafkalab') {
  // `kafkalab status|up|down|start|stop|kill <node>` in a container shell: the course page's cluster
  // controls, through the course server's API at KAFKALAB_API (which the page's terminal sets).
  const [{ kafkalab }, { runHostTool }, { httpShellCluster }] = await Promise.all([
    import('../src/terminal/tools/kafkalab/kafkalab.ts'),
    import('../src/server/tools-cli/run-host-tool.ts'),
    import('../src/server/tools-cli/http-shell-cluster.ts'),
  ]);
  const api = process.env.KAFKALAB_API;
  const code = await runHostTool(kafkalab, 'kafkalab', args, { cluster: api ? httpShellCluster(api) : undefined });
  process.exit(code);
}
const { findHostTool, hostToolNames } = await import('../src/server/tools-cli/host-tools.ts');
if (name === '--list') {
  console.log(hostToolNames().join('\n'));
  process.exit(0);
}
const command = name === undefined ? undefined : findHostTool(name);
if (!command) {
  console.error(`kafkalab-tool: unknown tool "${name ?? ''}"; the tools are: ${hostToolNames().join(', ')}`);
  process.exit(2);
}
const { runHostTool } = await import('../src/server/tools-cli/run-host-tool.ts');
const code = await runHostTool(command, name, args);
await new Promise((resolve) => process.stdout.write('', resolve));
await new Promise((resolve) => process.stderr.write('', resolve));
process.exit(code);
