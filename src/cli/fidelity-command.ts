// `convey fidelity <source> <copy> [--json]` and `convey fidelity --versions A B`: does the copy convey its source
// whole? Exits 0 whether it does or not (the report says); 1 only when an input cannot be read.
import { readFile } from 'node:fs/promises';
import { compareTexts, toJsonReport, type FidelityReport } from '../fidelity/index.js';
import { escapeHtml as escapeText } from '../clean/escape.js';
import { getVersionById } from '../store/versions.js';
import { parseCommand, positiveId, UsageError, CommandError } from './args.js';
import { withStore } from './store-commands.js';

const OPTIONS = {
  json: { type: 'boolean' },
  versions: { type: 'boolean' },
  'ignore-line': { type: 'string', multiple: true },
  'ignore-credits': { type: 'boolean' },
} as const;

async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(`cannot read ${path}${code ? ` (${code})` : ''}`);
  }
}

async function readVersions(a: number, b: number): Promise<[string, string]> {
  return withStore(async (store) => {
    const texts: string[] = [];
    for (const id of [a, b]) {
      const version = await getVersionById(store.db, id);
      if (!version) throw new CommandError(`no version ${id}`);
      texts.push(`<h1>${escapeText(version.headline)}</h1>\n${version.bodyHtml}`);
    }
    return [texts[0], texts[1]];
  });
}

export async function fidelityCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(args, OPTIONS);
  if (positionals.length !== 2) {
    throw new UsageError(values.versions ? 'give two version ids: --versions A B' : 'give two files: fidelity <source> <copy>');
  }
  const [source, copy] = values.versions
    ? await readVersions(positiveId(positionals[0], 'version A'), positiveId(positionals[1], 'version B'))
    : await Promise.all(positionals.map(readInput));
  const report = compareTexts(source, copy, { ignoreLines: values['ignore-line'] ?? [], ignoreCreditLines: values['ignore-credits'] ?? false });
  process.stdout.write(values.json ? `${JSON.stringify(toJsonReport(report))}\n` : describeReport(report));
  return 0;
}

/** The report for a person reading a terminal. */
export function describeReport(report: FidelityReport): string {
  const { counts } = report;
  const lines = [
    report.faithful
      ? 'faithful: the copy conveys the source whole'
      : `edited: ${counts.omitted} omitted, ${counts.altered} altered, ${counts.added} added, ${counts.moved} moved, ${report.quotesChanged.length} quotation(s) changed`,
  ];
  // Sentence numbers count from 1 in the text named (source for omitted, copy for the rest).
  for (const s of report.omitted) lines.push(`omitted, source sentence ${s.at.sentence + 1}:`, `  − ${s.text}`);
  for (const s of report.altered) {
    lines.push(`altered, copy sentence ${s.toAt[0].sentence + 1}:`, `  − ${s.from}`, `  + ${s.to}`);
    if (s.changes.length) lines.push(`  changes: ${s.changes.join('; ')}`);
  }
  for (const s of report.added) lines.push(`added, copy sentence ${s.at.sentence + 1}:`, `  + ${s.text}`);
  for (const s of report.moved) lines.push(`moved, source sentence ${s.from.sentence + 1} → copy sentence ${s.to.sentence + 1}:`, `  ${s.text}`);
  for (const q of report.quotesChanged) {
    lines.push(`quotation ${q.kind}${q.speaker ? ` (${q.speaker})` : ''}:`);
    if (q.source) lines.push(`  − ${q.source}`);
    if (q.copy) lines.push(`  + ${q.copy}`);
  }
  return `${lines.join('\n')}\n`;
}
