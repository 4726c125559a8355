#!/usr/bin/env node
// kafkalab's one entry point. Needs Node >= 22.13 (it runs the TypeScript sources directly).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`kafkalab needs Node.js 22.13 or newer (24 LTS recommended); this is ${process.version}. Run it through \`npm start\`, which installs Node 24 for you, or install Node 24.`);
  process.exit(1);
}
if (process.argv[2] === 'node') {
  // `kafkalab node zookeeper|broker`: one cluster node as its own process (the kafkalab container image),
  // which needs neither the web server nor the npm packages the rest of the CLI loads.
  const { run } = await import('../src/server/node/node-command.ts');
  await run(process.argv.slice(3));
} else {
  let cli;
  try {
    cli = await import('../src/server/cli.ts');
  } catch (error) {
    // The kafkalab container image carries only `kafkalab node` and the Kafka tools, not the course server.
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    console.error(`kafkalab: this installation has only \`kafkalab node\` and the Kafka tools (kafka-topics, ...), not "${process.argv[2] ?? ''}" (${error.message.split('\n')[0]}).`);
    console.error('  In the kafkalab container image, control the cluster from the course page, or with docker stop|start|kill <node> on your machine.');
    process.exit(2);
  }
  await cli.main(process.argv.slice(2));
}
