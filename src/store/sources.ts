// Sources (publishers) in the store.
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Schema, SourcesTable } from './schema.js';
import type { ExtractRules, ImagePolicy, IndexingPolicy, Source, UpdatePolicy } from '../model/types.js';

export interface NewSource {
  slug: string;
  name: string;
  homeUrl: string;
  logoUrl?: string | null;
  license?: string | null;
  licenseUrl?: string | null;
  usageTerms?: string | null;
  copyrightHolder?: string | null;
  indexingPolicy?: IndexingPolicy;
  updatePolicy?: UpdatePolicy;
  attributionTemplate?: string | null;
  disclaimerTemplate?: string | null;
  extractRules?: ExtractRules | null;
  allowEdits?: boolean;
  keepSnapshots?: number | null;
  /** Null (the default) lets the source's rights decide. */
  imagePolicy?: ImagePolicy | null;
}

export const INDEXING_POLICIES: IndexingPolicy[] = ['canonical-to-source', 'noindex-news', 'index-self'];
export const UPDATE_POLICIES: UpdatePolicy[] = ['auto', 'review', 'notify'];
export const IMAGE_POLICIES: ImagePolicy[] = ['rehost', 'proxy', 'link'];

export function toSource(row: Selectable<SourcesTable>): Source {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    homeUrl: row.home_url,
    logoUrl: row.logo_url,
    rights: {
      license: row.license,
      licenseUrl: row.license_url,
      usageTerms: row.usage_terms,
      copyrightHolder: row.copyright_holder,
    },
    indexingPolicy: row.indexing_policy as IndexingPolicy,
    updatePolicy: row.update_policy as UpdatePolicy,
    attributionTemplate: row.attribution_template,
    disclaimerTemplate: row.disclaimer_template,
    extractRules: row.extract_rules ? (JSON.parse(row.extract_rules) as ExtractRules) : null,
    allowEdits: row.allow_edits !== 0,
    keepSnapshots: row.keep_snapshots,
    imagePolicy: IMAGE_POLICIES.includes(row.image_policy as ImagePolicy) ? (row.image_policy as ImagePolicy) : null,
    createdAt: row.created_at,
  };
}

export async function createSource(db: Kysely<Schema>, input: NewSource, now = new Date()): Promise<Source> {
  const row = await db
    .insertInto('sources')
    .values({
      slug: input.slug,
      name: input.name,
      home_url: input.homeUrl,
      logo_url: input.logoUrl ?? null,
      license: input.license ?? null,
      license_url: input.licenseUrl ?? null,
      usage_terms: input.usageTerms ?? null,
      copyright_holder: input.copyrightHolder ?? null,
      indexing_policy: input.indexingPolicy ?? 'canonical-to-source',
      update_policy: input.updatePolicy ?? 'auto',
      attribution_template: input.attributionTemplate ?? null,
      disclaimer_template: input.disclaimerTemplate ?? null,
      extract_rules: input.extractRules ? JSON.stringify(input.extractRules) : null,
      allow_edits: input.allowEdits === false ? 0 : 1,
      keep_snapshots: input.keepSnapshots ?? null,
      image_policy: input.imagePolicy ?? null,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSource(row);
}

export async function listSources(db: Kysely<Schema>): Promise<Source[]> {
  const rows = await db.selectFrom('sources').selectAll().orderBy('name').execute();
  return rows.map(toSource);
}

export async function getSourceById(db: Kysely<Schema>, id: number): Promise<Source | null> {
  const row = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSource(row) : null;
}

export async function getSourceBySlug(db: Kysely<Schema>, slug: string): Promise<Source | null> {
  const row = await db.selectFrom('sources').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toSource(row) : null;
}

export async function setSourceExtractRules(db: Kysely<Schema>, id: number, rules: ExtractRules | null): Promise<void> {
  await db.updateTable('sources').set({ extract_rules: rules ? JSON.stringify(rules) : null }).where('id', '=', id).execute();
}

/** The source fields an operator may change after adding it (`convey sources edit`). */
export type SourceChanges = Partial<Omit<NewSource, 'slug' | 'extractRules'>>;

/** Changes the given fields of a source; `null` clears an optional one. Returns the source as stored, or null. */
export async function updateSource(db: Kysely<Schema>, id: number, changes: SourceChanges): Promise<Source | null> {
  const set: Updateable<SourcesTable> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.homeUrl !== undefined) set.home_url = changes.homeUrl;
  if (changes.logoUrl !== undefined) set.logo_url = changes.logoUrl;
  if (changes.license !== undefined) set.license = changes.license;
  if (changes.licenseUrl !== undefined) set.license_url = changes.licenseUrl;
  if (changes.usageTerms !== undefined) set.usage_terms = changes.usageTerms;
  if (changes.copyrightHolder !== undefined) set.copyright_holder = changes.copyrightHolder;
  if (changes.indexingPolicy !== undefined) set.indexing_policy = changes.indexingPolicy;
  if (changes.updatePolicy !== undefined) set.update_policy = changes.updatePolicy;
  if (changes.attributionTemplate !== undefined) set.attribution_template = changes.attributionTemplate;
  if (changes.disclaimerTemplate !== undefined) set.disclaimer_template = changes.disclaimerTemplate;
  if (changes.allowEdits !== undefined) set.allow_edits = changes.allowEdits ? 1 : 0;
  if (changes.keepSnapshots !== undefined) set.keep_snapshots = changes.keepSnapshots;
  if (changes.imagePolicy !== undefined) set.image_policy = changes.imagePolicy;
  if (Object.keys(set).length > 0) await db.updateTable('sources').set(set).where('id', '=', id).execute();
  return getSourceById(db, id);
}

/** Deletes a source; its feeds, articles (with their versions and comments) and tombstones go with it. */
export async function deleteSource(db: Kysely<Schema>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
