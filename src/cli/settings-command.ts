// `convey settings`: the settings an owner changes on the desk, from the command line. Each value is checked
// as the desk checks it; a change is in force on every running process without a restart and is written to
// the audit log as the command line's.
import { loadConfig } from '../config/config.js';
import { changesToStore, SETTINGS, SettingError, settingDefinition, settingValues, type SettingDefinition } from '../config/site-settings.js';
import { readStoredSettings, writeSettings } from '../store/settings.js';
import { recordAudit } from '../store/audit-log.js';
import { CLI_ACTOR } from '../desk/accounts.js';
import { withStore } from './store-commands.js';
import { parseCommand, requireString, CommandError, UsageError } from './args.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

function definitionOf(key: string): SettingDefinition {
  const definition = settingDefinition(key);
  if (!definition) throw new CommandError(`unknown setting "${key}": one of ${SETTINGS.map((s) => s.key).join(', ')}`);
  return definition;
}

/** A value as typed on the command line: on/off for a switch, commas between the entries of a list. */
function valueOf(definition: SettingDefinition, text: string): unknown {
  switch (definition.kind) {
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (['on', 'true', 'yes'].includes(t)) return true;
      if (['off', 'false', 'no'].includes(t)) return false;
      throw new CommandError(`${definition.key} is on or off, got "${text}"`);
    }
    case 'words':
      return text;
    case 'choices':
      return text.split(',').map((s) => s.trim()).filter(Boolean);
    default:
      return text;
  }
}

const shown = (value: unknown) => (Array.isArray(value) ? value.join(',') : String(value));

export async function settingsCommand(args: string[]): Promise<number> {
  const [action = 'get', ...rest] = args;
  const config = loadConfig();
  if (action === 'get') {
    const { positionals } = parseCommand(rest, {});
    const keys = positionals.length ? positionals.map((k) => definitionOf(k).key) : SETTINGS.map((s) => s.key);
    return withStore(async (store) => {
      const stored = await readStoredSettings(store.db);
      const values = settingValues(config, stored);
      for (const key of keys) out(`${key}\t${shown(values[key])}\t${key in stored ? 'stored' : 'configuration'}`);
      return 0;
    });
  }
  if (action === 'set' || action === 'reset') {
    const { positionals } = parseCommand(rest, {});
    const definition = definitionOf(requireString(positionals[0], 'the setting\'s name'));
    let change: unknown = null;
    if (action === 'set') {
      if (positionals.length !== 2) throw new UsageError('use "settings set <name> <value>" (quote a value with spaces)');
      try {
        change = changesToStore(config, { [definition.key]: definition.check(valueOf(definition, positionals[1])) })[definition.key];
      } catch (error) {
        if (error instanceof SettingError) throw new CommandError(error.message);
        throw error;
      }
    }
    return withStore(async (store) => {
      const changed = await writeSettings(store.db, { [definition.key]: change }, new Date());
      if (changed.length === 0) {
        out(`${definition.key} unchanged`);
        return 0;
      }
      await recordAudit(store.db, { userId: CLI_ACTOR.userId, actor: CLI_ACTOR.name, action: 'settings.change', target: definition.key, detail: JSON.stringify({ [definition.key]: change }) }, new Date());
      const values = settingValues(config, await readStoredSettings(store.db));
      out(`${definition.key} = ${shown(values[definition.key])}${change === null ? ' (the configuration\'s)' : ''}; running processes follow within seconds`);
      return 0;
    });
  }
  throw new UsageError('use "settings get [name…]", "settings set <name> <value>" or "settings reset <name>"');
}
