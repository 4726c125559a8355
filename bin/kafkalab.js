#!/usr/bin/env node
// kafkalab's one entry point. Needs Node >= 22.13 (it runs the TypeScript sources directly).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(`kafkalab needs Node.js 22.13 or newer (24 LTS recommended); this is ${process.version}. Run it through \`npm start\`, which installs Node 24 for you, or install Node 24.`);
  process.exit(1);
}
const { main } = await import('../src/server/cli.ts');
await main(process.argv.slice(2));
