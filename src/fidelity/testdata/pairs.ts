// The written test pairs of `pairs/`: each folder holds a source, a copy and the expected outcome.
// Shared by the table-driven test and the benchmark.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FidelityOptions } from '../index.js';
import type { FidelityReport } from '../report.js';

export interface ExpectedOutcome {
  description: string;
  options?: FidelityOptions;
  faithful: boolean;
  counts: FidelityReport['counts'];
  /** Every changed quotation, in order: its kind and (a part of) its speaker, null for none. */
  quotes?: { kind: string; speaker?: string | null }[];
  /** Change descriptions that must appear among the altered sentences' changes. */
  changes?: string[];
  /** Texts (or their beginnings) that must be reported omitted / added. */
  omitted?: string[];
  added?: string[];
}

export interface TestPair {
  name: string;
  source: string;
  copy: string;
  expected: ExpectedOutcome;
}

export const PAIRS_DIR = fileURLToPath(new URL('./pairs/', import.meta.url));

export function loadPairs(dir = PAIRS_DIR): TestPair[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const files = readdirSync(join(dir, name));
      const read = (stem: string) => {
        const file = files.find((f) => f.startsWith(`${stem}.`));
        if (!file) throw new Error(`test pair ${name} has no ${stem} file`);
        return readFileSync(join(dir, name, file), 'utf8');
      };
      return { name, source: read('source'), copy: read('copy'), expected: JSON.parse(read('expected')) as ExpectedOutcome };
    });
}

/** The ways a report misses its expected outcome (none: the pair is correct). */
export function mismatches(report: FidelityReport, expected: ExpectedOutcome): string[] {
  const problems: string[] = [];
  if (report.faithful !== expected.faithful) problems.push(`faithful ${report.faithful}, expected ${expected.faithful}`);
  for (const key of ['omitted', 'altered', 'added', 'moved'] as const) {
    if (report.counts[key] !== expected.counts[key]) problems.push(`${key} ${report.counts[key]}, expected ${expected.counts[key]}`);
  }
  if (expected.quotes) {
    const got = report.quotesChanged.map((q) => `${q.kind}:${q.speaker ?? 'null'}`);
    const ok =
      got.length === expected.quotes.length &&
      expected.quotes.every((q, k) => {
        const actual = report.quotesChanged[k];
        if (actual.kind !== q.kind) return false;
        if (q.speaker === undefined) return true;
        return q.speaker === null ? actual.speaker === null : (actual.speaker ?? '').includes(q.speaker);
      });
    if (!ok) problems.push(`quotes [${got.join(', ')}], expected [${expected.quotes.map((q) => `${q.kind}:${q.speaker}`).join(', ')}]`);
  }
  const allChanges = report.altered.flatMap((a) => a.changes);
  for (const change of expected.changes ?? []) if (!allChanges.includes(change)) problems.push(`no change "${change}" in [${allChanges.join(' | ')}]`);
  for (const text of expected.omitted ?? []) if (!report.omitted.some((s) => s.text.startsWith(text))) problems.push(`"${text}" not omitted`);
  for (const text of expected.added ?? []) if (!report.added.some((s) => s.text.startsWith(text))) problems.push(`"${text}" not added`);
  return problems;
}
