/**
 * The connect-time half of the SSRF guard: a `lookup` for net.connect that resolves a host name and refuses the
 * connection when any answer is not allowed. Node connects to the very addresses this function returns, so the
 * address checked is the address dialled, for the first request and every redirect.
 */
import dns from 'node:dns';
import type net from 'node:net';
import { checkAddress, type AllowList } from './ssrf-guard.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const answers = await dns.promises.lookup(hostname, { all: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Raised inside the connect-time lookup; turned into a `blocked-address` FetchError. */
export class BlockedAddressError extends Error {}

type LookupCallback = (err: unknown, address?: string | ResolvedAddress[], family?: number) => void;

function notFound(message: string): Error {
  return Object.assign(new Error(message), { code: 'ENOTFOUND' });
}

/** A `lookup` for net.connect that resolves with the policy's resolver and refuses any non-allowed address. */
export function guardedLookup(port: number, allow: AllowList, resolver: Resolver): net.LookupFunction {
  const lookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    const answer = (answers: ResolvedAddress[]): void => {
      if (answers.length === 0) return callback(notFound(`no address found for ${hostname}`));
      // Any refused answer refuses the host: a name that mixes public and internal addresses is a trap.
      for (const { address } of answers) {
        const verdict = checkAddress(address, port, allow);
        if (!verdict.ok) {
          return callback(new BlockedAddressError(`${hostname} resolves to ${address}, ${verdict.detail}`));
        }
      }
      const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
      const usable = wanted ? answers.filter((a) => a.family === wanted) : answers;
      if (usable.length === 0) return callback(notFound(`no IPv${wanted} address for ${hostname}`));
      // With autoSelectFamily (Node's default) net asks for all addresses and tries them in turn.
      if (options.all) return callback(null, usable.map((a) => ({ address: a.address, family: a.family })));
      callback(null, usable[0].address, usable[0].family);
    };
    // Promise.resolve first, so that a resolver that throws synchronously still ends in the callback.
    Promise.resolve()
      .then(() => resolver(hostname))
      .then(answer, (err: unknown) => callback(err));
  };
  return lookup as unknown as net.LookupFunction;
}
