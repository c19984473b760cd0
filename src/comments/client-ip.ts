// Which address a request really came from, and the bucket it is counted in.
//
// X-Forwarded-For is written by the client first and by each proxy after it, so only the entries appended by
// proxies we run can be believed. Reading from the right, the first address that is not one of our proxies is
// the client; everything left of it may be forged. The header is ignored unless the peer itself is our proxy.
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/** What clientIp answers when no address can be trusted. */
export const UNKNOWN_IP = 'unknown';

/**
 * The client's address. `trustedProxies` holds addresses or CIDR ranges (`10.0.0.0/8`, `::1`, `fd00::/8`).
 * IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) are returned as IPv4. Returns `unknown` when the peer address is
 * missing or unparseable.
 */
export function clientIp(remoteAddress: string | null | undefined, forwardedFor: string | readonly string[] | null | undefined, trustedProxies: readonly string[]): string {
  const peer = parseAddress(remoteAddress ?? '');
  if (!peer) return UNKNOWN_IP;
  const trusted = parseRanges(trustedProxies);
  if (!isTrusted(peer, trusted)) return peer.toString();

  const header = typeof forwardedFor === 'string' ? forwardedFor : (forwardedFor ?? []).join(',');
  const hops = header.split(',').map((h) => h.trim()).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseAddress(hops[i]);
    // Garbage in the trusted part of the chain means we cannot see further left: the last good hop is the answer.
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return client.toString();
}

/**
 * The rate-limit bucket of an address: IPv4 by /24, IPv6 by /48 (one customer's allocation, who can otherwise
 * rotate through 2^80 addresses). IPv4-mapped IPv6 counts as IPv4. `unknown` for anything unparseable.
 */
export function ipBucket(ip: string): string {
  const address = parseAddress(ip);
  if (!address) return UNKNOWN_IP;
  if (address.kind() === 'ipv4') {
    const [a, b, c] = (address as ipaddr.IPv4).octets;
    return `${a}.${b}.${c}.0/24`;
  }
  const parts = (address as ipaddr.IPv6).parts;
  return `${new ipaddr.IPv6([parts[0], parts[1], parts[2], 0, 0, 0, 0, 0]).toString()}/48`;
}

/**
 * Parses one address as found in a socket or a header: `1.2.3.4`, `1.2.3.4:5678`, `::1`, `[::1]:443`,
 * `fe80::1%eth0`, `::ffff:1.2.3.4`. Only dotted-quad IPv4 is accepted (not `127.1` or `0x7f.0.0.1`).
 */
export function parseAddress(text: string): Address | null {
  let value = text.trim();
  if (!value || value.length > 100) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.replace(/%[A-Za-z0-9_.-]+$/, ''); // zone id: not part of the address
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (!ipaddr.IPv6.isValid(value)) return null;
  const v6 = ipaddr.IPv6.parse(value);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

function parseRanges(list: readonly string[]): Range[] {
  const ranges: Range[] = [];
  for (const entry of list) {
    const text = entry.trim();
    const slash = text.indexOf('/');
    const address = parseAddress(slash === -1 ? text : text.slice(0, slash));
    if (!address) throw new Error(`Not an IP address or CIDR range in the trusted proxies: "${entry}".`);
    const max = address.kind() === 'ipv4' ? 32 : 128;
    const bits = slash === -1 ? max : Number(text.slice(slash + 1));
    if (!Number.isInteger(bits) || bits < 0 || bits > max || !/^\d+$/.test(slash === -1 ? String(max) : text.slice(slash + 1))) {
      throw new Error(`Bad prefix length in the trusted proxies: "${entry}".`);
    }
    ranges.push([address, bits]);
  }
  return ranges;
}

function isTrusted(address: Address, ranges: Range[]): boolean {
  return ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
}
