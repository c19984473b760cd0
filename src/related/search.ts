// Site search. The user's query is normalised here, once, into plain terms (no operators reach SQL);
// every term must appear in the headline or the text. Case-insensitive on both backends.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Article } from '../model/types.js';
import { toArticle } from '../store/articles.js';

const MAX_TERMS = 8;

/** The search terms of a query: words of letters and digits, lower-cased, at most eight, at least two characters. */
export function searchTerms(query: string): string[] {
  const words = query.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))].slice(0, MAX_TERMS);
}

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function searchArticles(db: Kysely<Schema>, query: string, limit: number, offset = 0): Promise<Article[]> {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  let q = db.selectFrom('articles').selectAll().where('pub_status', '=', 'usable').where('republished_at', 'is not', null);
  for (const term of terms) {
    const pattern = `%${escapeLike(term)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(headline)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(body_text)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  const rows = await q.orderBy('republished_at', 'desc').limit(limit).offset(offset).execute();
  return rows.map(toArticle);
}
