// Runs the demo sources on their own, to look at them in a browser or point a pipeline at them by hand:
//   npx tsx src/demo/serve-demo.ts [port]
// Type `update` or `withdraw` and Enter to apply the source's update or withdrawal; Ctrl-C stops.
import { createInterface } from 'node:readline';
import { startDemoServer } from './demo-sources.js';

const port = Number(process.argv[2] ?? 0);
const demo = await startDemoServer({ port: Number.isInteger(port) && port >= 0 ? port : 0 });
console.log(`Demo sources on ${demo.origin}/ (${demo.articleCount} articles)`);
for (const source of demo.sources) console.log(`  ${source.name}: ${source.feedUrl}`);
console.log(`  updated story:   ${demo.updatedStoryUrl}`);
console.log(`  withdrawn story: ${demo.withdrawnStoryUrl}`);
console.log(`  shared story:    ${demo.sharedStory.wireUrl} and ${demo.sharedStory.outletUrl}`);

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const command = line.trim();
  if (command === 'update') demo.applyUpdate();
  else if (command === 'withdraw') demo.applyWithdrawal();
  else if (command) {
    console.log('commands: update, withdraw');
    return;
  }
  if (command) console.log(`${command}: applied`);
});
const stop = () => {
  input.close();
  void demo.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
