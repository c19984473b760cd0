// Fidelity check benchmark: every written test pair (and whether its report is the expected one), the demo's
// articles compared with themselves and with a lightly edited copy, and the generated 2,000-sentence article.
//   tsx bench/fidelity.ts [--rounds <n>]
// Speed is CPU time of the best of `rounds` passes (the machine may be shared; the best pass is the least
// disturbed one). The last line is JSON: {"pairs","correct","reportsPerSecond","longPairMs"}.
import { compareTexts } from '../src/fidelity/index.js';
import { loadPairs, mismatches } from '../src/fidelity/testdata/pairs.js';
import { demoTexts } from '../src/fidelity/testdata/demo-texts.js';
import { generateLongPair } from '../src/fidelity/testdata/long-pair.js';

const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Math.max(1, Number(process.argv[roundsArg + 1]) || 1) : 5;

function bestCpuMs(task: () => void): number {
  let best = Infinity;
  task(); // warm-up
  for (let r = 0; r < rounds; r++) {
    const start = process.cpuUsage();
    task();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

const pairs = loadPairs();
let correct = 0;
for (const pair of pairs) {
  const problems = mismatches(compareTexts(pair.source, pair.copy, pair.expected.options), pair.expected);
  if (problems.length === 0) correct++;
  else console.log(`WRONG ${pair.name}: ${problems.join('; ')}`);
}

const demo = demoTexts();
let demoCorrect = 0;
for (const text of demo) {
  const same = compareTexts(text.html, text.html);
  const edited = compareTexts(text.html, text.edited);
  if (same.faithful && !edited.faithful && edited.counts.altered === 1 && edited.counts.omitted >= 1 && edited.counts.added === 0) demoCorrect++;
  else console.log(`WRONG demo ${text.slug}: ${JSON.stringify(edited.counts)}`);
}

const long = generateLongPair();
const longReport = compareTexts(long.source, long.copy);
const longCorrect = JSON.stringify(longReport.counts) === JSON.stringify(long.expected);
if (!longCorrect) console.log(`WRONG long pair: ${JSON.stringify(longReport.counts)}, expected ${JSON.stringify(long.expected)}`);

const pairsMs = bestCpuMs(() => {
  for (const pair of pairs) compareTexts(pair.source, pair.copy, pair.expected.options);
});
const demoMs = bestCpuMs(() => {
  for (const text of demo) {
    compareTexts(text.html, text.html);
    compareTexts(text.html, text.edited);
  }
});
const longPairMs = bestCpuMs(() => void compareTexts(long.source, long.copy));

const demoReports = demo.length * 2;
const total = pairs.length + demoReports;
const reportsPerSecond = Math.round((total / (pairsMs + demoMs)) * 1000);
console.log(`written pairs: ${correct}/${pairs.length} correct, ${(pairsMs / pairs.length).toFixed(2)} ms a report`);
console.log(`demo articles: ${demoCorrect}/${demo.length} correct, ${(demoMs / demoReports).toFixed(2)} ms a report (${demoReports} reports)`);
console.log(`2,000-sentence pair: ${longCorrect ? 'correct' : 'WRONG'}, ${longPairMs.toFixed(1)} ms`);
console.log(JSON.stringify({ pairs: pairs.length + demo.length + 1, correct: correct + demoCorrect + (longCorrect ? 1 : 0), reportsPerSecond, longPairMs: Math.round(longPairMs) }));
