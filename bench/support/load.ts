// Load generation for the benchmarks: wrk (a separate process, so it does not share the server's CPU time
// accounting) when installed, else autocannon. Both report requests per second and the 99th percentile.
import { spawnSync, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface LoadResult {
  tool: string;
  requests: number;
  rps: number;
  p99ms: number;
  errors: number;
}

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

function parseWrkDuration(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

export async function runLoad(url: string, connections: number, seconds: number): Promise<LoadResult> {
  if (hasCommand('wrk')) {
    const output = execFileSync('wrk', [`-t1`, `-c${connections}`, `-d${seconds}s`, '--latency', url], { encoding: 'utf8' });
    const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? NaN);
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? NaN);
    const p99 = parseWrkDuration(/^\s+99%\s+(\S+)$/m.exec(output)?.[1] ?? '');
    const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0) + Number(/Socket errors: connect (\d+)/.exec(output)?.[1] ?? 0);
    return { tool: 'wrk', requests, rps, p99ms: p99, errors };
  }
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({ url, connections, duration: seconds });
  return { tool: 'autocannon', requests: result.requests.total, rps: result.requests.average, p99ms: result.latency.p99, errors: result.non2xx + result.errors };
}

/** CPU time (user + system) of a process so far, in milliseconds, from /proc. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return (ticks * 1000) / hz;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
