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
  const { main } = await import('../src/server/cli.ts');
  await main(process.argv.slice(2));
}
