// The demo publishers as sources of a store, each with its feed: what `convey demo` and the tests that build a
// demo store both set up before the first ingest.
import type { Store } from '../store/database.js';
import { createSource } from '../store/sources.js';
import { addFeed } from '../store/feeds.js';
import type { DemoServer } from './demo-sources.js';

export async function addDemoSources(store: Store, demo: Pick<DemoServer, 'sources'>): Promise<void> {
  for (const spec of demo.sources) {
    const source = await createSource(store.db, {
      slug: spec.slug, name: spec.name, homeUrl: spec.homeUrl, logoUrl: spec.logoUrl, license: spec.license,
      licenseUrl: spec.licenseUrl, usageTerms: spec.usageTerms, copyrightHolder: spec.copyrightHolder,
      indexingPolicy: spec.indexingPolicy, updatePolicy: spec.updatePolicy,
    });
    await addFeed(store.db, { sourceId: source.id, url: spec.feedUrl });
  }
}
