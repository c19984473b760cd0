// How the commands log: one readable line per event by default, pino's JSON lines when asked for
// (`--json` or LOG_FORMAT=json), so a terminal never shows the two mixed in one stream.

export type LogFormat = 'human' | 'json';

/** JSON when the command was given `--json` or the environment says LOG_FORMAT=json; readable lines otherwise. */
export function logFormatOf(jsonFlag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): LogFormat {
  return jsonFlag || env.LOG_FORMAT?.trim().toLowerCase() === 'json' ? 'json' : 'human';
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

function showValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

/** One pino record as a line a person reads: `12:00:00 warn  feed failed  feed=https://… consecutiveErrors=3`. */
export function formatLogRecord(record: Record<string, unknown>): string {
  const { time, level, msg, pid: _pid, hostname: _hostname, ...fields } = record;
  const clock = typeof time === 'number' ? new Date(time).toISOString().slice(11, 19) : '';
  const name = (typeof level === 'number' ? LEVELS[level] : String(level ?? '')) ?? String(level);
  const extra = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${showValue(value)}`)
    .join(' ');
  return [clock, name.padEnd(5), msg ?? '', extra].filter((part) => part !== '').join('  ');
}

/** Turns a pino JSON line into a readable one; a line that is not JSON passes through unchanged. */
export function humanLine(jsonLine: string): string {
  try {
    return formatLogRecord(JSON.parse(jsonLine) as Record<string, unknown>);
  } catch {
    return jsonLine.trimEnd();
  }
}
