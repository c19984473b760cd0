// The settings in force in this process, kept up to date without a restart. Read at start; read again when
// this process writes a setting, when the page caches hear that the store changed (whoever wrote: PostgreSQL's
// NOTIFY, SQLite's change counter), and every few seconds in any case (a worker has no page cache; a missed
// notification must not keep old settings for long). A reload that finds the settings changed tells its
// listeners, so that the page cache drops what it rendered with the old ones.
import type { Config } from './config.js';
import type { SiteInfo } from '../model/types.js';
import { effectiveSettings, type EffectiveSettings } from './site-settings.js';
import { storeWrites, type Store } from '../store/database.js';
import { readStoredSettings } from '../store/settings.js';

export interface SettingsHolder {
  /** The settings in force now. */
  current(): EffectiveSettings;
  /**
   * The site as pages, feeds and the publish check read it: each property read gives the value in force at that
   * moment, so code that keeps `site` (the routes' deps, the ingest context) follows every change.
   */
  readonly site: SiteInfo;
  /** Reads the store again (after this process wrote); resolves once a read that began after the call is done. */
  reload(): Promise<void>;
  /** Calls `listener` after a reload that changed a setting; returns the way to stop. */
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** A view of `SiteInfo` whose every property is read from `current()` when it is read. */
function liveSite(current: () => SiteInfo): SiteInfo {
  const keys: (keyof SiteInfo)[] = ['name', 'url', 'description', 'language', 'disclaimerTemplate', 'timeZone', 'relatedHeading', 'logoUrl', 'attributionTemplate', 'shareTargets'];
  const view = {} as SiteInfo;
  for (const key of keys) Object.defineProperty(view, key, { enumerable: true, get: () => current()[key] });
  return view;
}

/** The configuration's settings, never reloaded: for one-off commands and tests that build deps by hand. */
export function staticSettings(config: Config, stored: Record<string, unknown> = {}): SettingsHolder {
  const settings = effectiveSettings(config, stored);
  return {
    current: () => settings,
    site: settings.site,
    reload: async () => undefined,
    onChange: () => () => undefined,
    close: async () => undefined,
  };
}

export interface LiveSettingsOptions {
  /** How often the store is read when nothing else said it changed (ms). */
  pollMs?: number;
  log?: (message: string) => void;
}

/** Reads the settings from the store and keeps them current; close it with the store. */
export async function openLiveSettings(store: Store, config: Config, options: LiveSettingsOptions = {}): Promise<SettingsHolder> {
  const log = options.log ?? ((message: string) => console.error(message));
  const listeners = new Set<() => void>();
  const reported = new Set<string>();
  const report = (message: string) => {
    // The same bad row is said once, not on every reload.
    if (reported.has(message)) return;
    reported.add(message);
    log(`settings: ${message}`);
  };
  const read = async (): Promise<{ settings: EffectiveSettings; text: string }> => {
    const stored = await readStoredSettings(store.db, (error) => report(error.message));
    const settings = effectiveSettings(config, stored, (error) => report(`${error.message}; the default applies`));
    return { settings, text: JSON.stringify(settings) };
  };

  let { settings, text } = await read();
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let failing = false;

  const readOnce = async () => {
    try {
      const next = await read();
      failing = false;
      if (next.text === text) return;
      ({ settings, text } = next);
      for (const listener of listeners) listener();
    } catch (error) {
      // The store is away: the settings in force stay, and the next reload tries again. Said once per outage.
      if (!failing) log(`settings: could not be read again (${(error as Error).message}); the settings read before stay in force`);
      failing = true;
    }
  };
  const reload = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      // A read under way may have begun before the caller's write: one more follows it.
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await readOnce();
      } while (again && !closed);
    })().finally(() => {
      running = null;
    });
    return running;
  };

  const stopWrites = storeWrites(store).subscribe((table) => {
    if (table === 'settings') void reload();
  });
  const timer = setInterval(() => void reload(), options.pollMs ?? 5_000);
  timer.unref();

  return {
    current: () => settings,
    site: liveSite(() => settings.site),
    reload,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearInterval(timer);
      stopWrites();
      await running;
    },
  };
}
