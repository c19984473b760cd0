// Option parsing for every command: unknown options and missing values are usage errors, never stack traces.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reported with exit code 1: the command was understood but could not be done. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export function parseCommand<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
  }
}

export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`missing ${name}`);
  return value;
}

/** Decimal digits only: `0x6c` or `1e3` are refused, not read as 108 or 1000. */
export function positiveId(value: string | undefined, what: string): number {
  if (value === undefined || value.trim() === '') throw new UsageError(`missing ${what}`);
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${what} must be a positive whole number, got "${value}"`);
  return n;
}

/** An absolute http(s) URL, normalised; anything else is a usage error naming the option. */
export function checkUrl(value: string, name: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    return url.href;
  } catch {
    throw new UsageError(`${name} must be an absolute http(s) URL, got "${value}"`);
  }
}

/** One of the allowed words, or undefined when the option was not given. */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}
