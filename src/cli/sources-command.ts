// `convey sources …`: add, list, edit and delete the publishers Convey republishes.
import { createSource, deleteSource, getSourceBySlug, listSources, setSourceExtractRules, updateSource, IMAGE_POLICIES, INDEXING_POLICIES, UPDATE_POLICIES, type SourceChanges } from '../store/sources.js';
import { imagePolicyOf } from '../media/image-policy.js';
import { queueSourceImages } from '../media/queue-images.js';
import { createClient, jobQueueFor } from './runtime.js';
import { loadConfig } from '../config/config.js';
import { countArticlesOfSource } from '../store/articles.js';
import { listFeeds } from '../store/feeds.js';
import { pruneSourceSnapshots } from '../store/snapshots.js';
import { withStore } from './store-commands.js';
import { parseCommand, requireString, checkUrl, oneOf, UsageError, CommandError } from './args.js';
import type { ExtractRules, ImagePolicy, IndexingPolicy, Source, UpdatePolicy } from '../model/types.js';
import { readFileSync } from 'node:fs';
import { validateExtractRules } from '../extract/site-rules.js';
import { discoverSource, DiscoveryError } from '../sources/discover-source.js';
import { setCommentsCloseAfterDays } from '../store/comments.js';
import { parseCloseAfterDays } from '../comments/comment-window.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** The options a source's fields are set with, by `add` and `edit` alike. */
const FIELD_OPTIONS = {
  name: { type: 'string' }, home: { type: 'string' }, license: { type: 'string' }, 'license-url': { type: 'string' },
  'usage-terms': { type: 'string' }, copyright: { type: 'string' }, indexing: { type: 'string' }, update: { type: 'string' },
  disclaimer: { type: 'string' }, attribution: { type: 'string' }, 'allow-edits': { type: 'string' }, rules: { type: 'string' },
  'keep-snapshots': { type: 'string' },
  images: { type: 'string' },
} as const;

/**
 * `--rules FILE`: the source's extraction rules as JSON (`{"body": […], "drop": […]}`), checked before they are
 * stored, so that a selector that cannot parse is refused here with its reason, not at the next ingest.
 */
function readRules(file: string | undefined): ExtractRules | null | undefined {
  if (file === undefined) return undefined;
  if (file.trim() === '') return null;
  let rules: ExtractRules;
  try {
    rules = JSON.parse(readFileSync(file, 'utf8')) as ExtractRules;
  } catch (error) {
    throw new CommandError(`cannot read the rules in ${file}: ${(error as Error).message}`);
  }
  const problems = validateExtractRules(rules);
  if (problems.length) throw new CommandError(`the rules in ${file} are not valid: ${problems.join('; ')}`);
  return rules;
}

/** `--comments-close-days N|never`: undefined when not given, null for never. */
function commentWindowOption(text: string | undefined): number | null | undefined {
  if (text === undefined) return undefined;
  try {
    return parseCloseAfterDays(text);
  } catch (error) {
    throw new UsageError(`--comments-close-days: ${(error as Error).message}`);
  }
}

type FieldValues = Partial<Record<keyof typeof FIELD_OPTIONS, string>>;

/** An optional text field: not given stays as it is, an empty value clears it. */
const optional = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value);

/** `--keep-snapshots all` keeps every snapshot (null); a whole number from 1 keeps that many per article. */
function keepSnapshotsOf(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === 'all') return null;
  if (!/^[1-9][0-9]{0,5}$/.test(value.trim())) throw new UsageError(`--keep-snapshots must be "all" or a whole number from 1, got "${value}"`);
  return Number(value.trim());
}

/** The changes the options ask for, checked; options not given are left out. */
export function sourceChangesOf(values: FieldValues): SourceChanges {
  const changes: SourceChanges = {
    name: values.name === undefined ? undefined : requireString(values.name, '--name').trim(),
    homeUrl: values.home === undefined ? undefined : checkUrl(values.home, '--home'),
    license: optional(values.license),
    licenseUrl: values['license-url'] === undefined || values['license-url'].trim() === '' ? optional(values['license-url']) : checkUrl(values['license-url'], '--license-url'),
    usageTerms: optional(values['usage-terms']),
    copyrightHolder: optional(values.copyright),
    indexingPolicy: oneOf<IndexingPolicy>(values.indexing, INDEXING_POLICIES, '--indexing'),
    updatePolicy: oneOf<UpdatePolicy>(values.update, UPDATE_POLICIES, '--update'),
    disclaimerTemplate: optional(values.disclaimer),
    attributionTemplate: optional(values.attribution),
    allowEdits: values['allow-edits'] === undefined ? undefined : oneOf<'yes' | 'no'>(values['allow-edits'], ['yes', 'no'], '--allow-edits') === 'yes',
    keepSnapshots: keepSnapshotsOf(values['keep-snapshots']),
    // `--images ""` goes back to the default the source's rights give.
    imagePolicy: values.images === undefined ? undefined : values.images.trim() === '' ? null : oneOf<ImagePolicy>(values.images, IMAGE_POLICIES, '--images'),
  };
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as SourceChanges;
}

const LICENSE_REQUIRED =
  '--license is required: the license the source publishes under (e.g. --license "CC BY 4.0"), or a statement of your right to republish (--license "permission on file")';

/** Shown only for the exception: a source whose copies may not be edited. */
const editsColumn = (source: Pick<Source, 'allowEdits'>) => (source.allowEdits ? '' : '\tedits: forbidden');
/** Shown only for the exception too: the default keeps every snapshot. */
const snapshotsColumn = (source: Pick<Source, 'keepSnapshots'>) => (source.keepSnapshots === null ? '' : `\tsnapshots: newest ${source.keepSnapshots}`);
const sourceLine = (s: Source) =>
  `${s.slug}\t${s.name}\t${s.homeUrl}\tlicense: ${s.rights.license ?? '-'}\tindexing: ${s.indexingPolicy}\tupdates: ${s.updatePolicy}${imagesColumn(s)}${editsColumn(s)}${snapshotsColumn(s)}`;

/**
 * The image policy, shown when the operator chose one or the rights give other than `rehost` (like the edits
 * column, the plain default is not repeated on every line); a default is marked as such.
 */
const imagesColumn = (source: Pick<Source, 'imagePolicy' | 'rights'>) => {
  const policy = imagePolicyOf(source);
  if (!source.imagePolicy && policy === 'rehost') return '';
  return `\timages: ${policy}${source.imagePolicy ? '' : ' (default)'}`;
};

export async function sourcesCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case 'list': {
      parseCommand(rest, {});
      return withStore(async (store) => {
        const sources = await listSources(store.db);
        if (sources.length === 0) out('no sources yet: add one with "convey sources add"');
        for (const s of sources) out(sourceLine(s));
        return 0;
      });
    }
    case 'discover': {
      const { positionals } = parseCommand(rest, {});
      const home = checkUrl(requireString(positionals[0], 'the homepage URL'), 'the homepage URL');
      const found = await discoverSource(createClient(loadConfig()), home).catch((error: unknown) => {
        throw error instanceof DiscoveryError ? new CommandError(error.message) : error;
      });
      out(`homepage: ${found.homeUrl}`);
      out(`name: ${found.name ?? '-'}`);
      out(`logo: ${found.logoUrl ?? '-'}`);
      if (found.feeds.length === 0) out('no feed found: neither advertised by the page nor at a common path; add one by its URL with "convey feeds add"');
      for (const feed of found.feeds) {
        const state = feed.problem ? `not usable: ${feed.problem}` : `${feed.entries} entries`;
        out(`feed\t${feed.url}\t${feed.kind}\t${feed.foundBy}\t${state}\t${feed.title ?? ''}`);
      }
      return 0;
    }
    case 'add': {
      const { values } = parseCommand(rest, { slug: { type: 'string' }, ...FIELD_OPTIONS });
      const slug = requireString(values.slug, '--slug');
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) throw new UsageError(`--slug must be lower-case letters, digits and dashes, got "${slug}"`);
      const changes = sourceChangesOf(values);
      if (!changes.license && !changes.usageTerms) throw new UsageError(LICENSE_REQUIRED);
      const extractRules = readRules(values.rules) ?? null;
      const input = { ...changes, extractRules, slug, name: requireString(values.name, '--name').trim(), homeUrl: checkUrl(requireString(values.home, '--home'), '--home') };
      return withStore(async (store) => {
        if (await getSourceBySlug(store.db, slug)) throw new CommandError(`a source "${slug}" exists already`);
        const source = await createSource(store.db, input);
        out(`added source ${source.slug} (${source.name})`);
        return 0;
      });
    }
    case 'edit': {
      const editOptions = { ...FIELD_OPTIONS, 'comments-close-days': { type: 'string' } } as const;
      const { values, positionals } = parseCommand(rest, editOptions);
      const slug = requireString(positionals[0], 'the source slug');
      const changes = sourceChangesOf(values);
      const rules = readRules(values.rules);
      const closeDays = commentWindowOption(values['comments-close-days']);
      if (Object.keys(changes).length === 0 && rules === undefined && closeDays === undefined) throw new UsageError(`nothing to change: give at least one of ${Object.keys(editOptions).map((o) => `--${o}`).join(', ')}`);
      return withStore(async (store) => {
        const source = await getSourceBySlug(store.db, slug);
        if (!source) throw new CommandError(`no source "${slug}"`);
        const license = changes.license !== undefined ? changes.license : source.rights.license;
        const terms = changes.usageTerms !== undefined ? changes.usageTerms : source.rights.usageTerms;
        if (!license && !terms) throw new UsageError(LICENSE_REQUIRED);
        if (rules !== undefined) await setSourceExtractRules(store.db, source.id, rules);
        if (closeDays !== undefined) await setCommentsCloseAfterDays(store.db, source.id, closeDays);
        const updated = (await updateSource(store.db, source.id, changes))!;
        if (changes.imagePolicy !== undefined && imagePolicyOf(updated) === 'rehost') {
          // Images proxied (or given up on) until now are fetched and stored by the next worker round.
          const queued = await queueSourceImages(store.db, jobQueueFor(loadConfig(), store), updated, new Date());
          if (queued > 0) out(`queued ${queued} image(s) of ${slug} to be fetched and stored`);
        }
        out(`source ${slug} changed: ${[...Object.keys(changes), ...(rules !== undefined ? ['extractRules'] : []), ...(closeDays !== undefined ? [`commentsCloseAfterDays=${closeDays ?? 'never'}`] : [])].join(', ')}`);
        // A lowered retention applies to what is stored already, not only to the next snapshots.
        if (updated.keepSnapshots !== null && changes.keepSnapshots !== undefined) {
          const removed = await pruneSourceSnapshots(store.db, updated.id, updated.keepSnapshots);
          if (removed > 0) out(`removed ${removed} older snapshot(s) beyond the newest ${updated.keepSnapshots} of each article`);
        }
        out(sourceLine(updated));
        return 0;
      });
    }
    case 'delete': {
      const { values, positionals } = parseCommand(rest, { force: { type: 'boolean' } });
      const slug = requireString(positionals[0], 'the source slug');
      return withStore(async (store) => {
        const source = await getSourceBySlug(store.db, slug);
        if (!source) throw new CommandError(`no source "${slug}"`);
        const counts = await countArticlesOfSource(store.db, source.id);
        if (counts.usable > 0 && !values.force) {
          throw new CommandError(
            `"${slug}" still has ${counts.usable} published article(s): withdraw them first ("convey articles list --source ${slug}"), or delete the source with them using --force`,
          );
        }
        const feeds = (await listFeeds(store.db)).filter((f) => f.sourceId === source.id).length;
        await deleteSource(store.db, source.id);
        out(`deleted source ${slug} with ${feeds} feed(s) and ${counts.usable + counts.withheld + counts.canceled} article(s)`);
        return 0;
      });
    }
    default:
      throw new UsageError('use "sources discover|add|list|edit|delete"');
  }
}
