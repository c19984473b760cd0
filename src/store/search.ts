// The search query on each engine: FTS5 `MATCH` over the articles_fts index on SQLite, `to_tsquery('simple', …)`
// over the generated, GIN-indexed tsvector on PostgreSQL. Both take the same plain words (normalised once, in
// related/search.ts): every word must appear, the last may be the start of a word, best matches first (headline
// above text), newer first among equals.
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema.js';
import type { Article } from '../model/types.js';
import { LIST_COLUMNS, toArticle, type ArticleRow } from './articles.js';
import { byDialect } from './dialect.js';

/** FTS5: each word a quoted string (so it is never an operator), the last a prefix. */
export function fts5Query(terms: string[]): string {
  return terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' AND ');
}

/** PostgreSQL tsquery: words joined by &, the last a prefix. Words are letters and digits only. */
export function tsQuery(terms: string[]): string {
  return terms.map((t, i) => `${t}${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
}

// The listing columns (the one list in articles.ts), the body left out as in every list.
const COLUMNS = sql.join([...LIST_COLUMNS.map((c) => sql.ref(`a.${c}`)), sql`'' as body_html`]);

/** Published articles matching every term, best first. `terms` are plain words (letters and digits). */
export async function searchPublished(db: Kysely<Schema>, terms: string[], limit: number, offset = 0): Promise<Article[]> {
  if (terms.length === 0) return [];
  const published = sql`a.pub_status = 'usable' and a.republished_at is not null`;
  const result = await byDialect(db, {
    postgres: () => sql<ArticleRow>`select ${COLUMNS} from articles a
      where a.search @@ to_tsquery('simple', ${tsQuery(terms)}) and ${published}
      order by ts_rank(a.search, to_tsquery('simple', ${tsQuery(terms)})) desc, a.republished_at desc
      limit ${limit} offset ${offset}`.execute(db),
    sqlite: () => sql<ArticleRow>`select ${COLUMNS} from articles_fts f join articles a on a.id = f.rowid
      where articles_fts match ${fts5Query(terms)} and ${published}
      order by bm25(articles_fts, 4.0, 1.0), a.republished_at desc
      limit ${limit} offset ${offset}`.execute(db),
  });
  return result.rows.map(toArticle);
}
