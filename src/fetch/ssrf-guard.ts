/**
 * The address policy of every outbound request: which IP addresses Convey may connect to.
 *
 * Pure functions only. The HTTP client calls `checkAddress` with each address a host name resolved to, at connect
 * time, so the address that is checked is the address that is dialled (no gap for DNS rebinding).
 */
import ipaddr from 'ipaddr.js';

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

export type AddressCategory =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'invalid';

/**
 * Operator exceptions: CIDR ranges, and exact `ip:port` pairs (`[v6]:port` for IPv6). Treat it as immutable once
 * built: the guard compiles each list once.
 */
export interface AllowList {
  ranges: string[];
  hostPorts: string[];
}

/** Allows nothing beyond public addresses. Frozen all the way down: nobody can widen it by accident. */
export const EMPTY_ALLOW_LIST: AllowList = Object.freeze({
  ranges: Object.freeze([]) as unknown as string[],
  hostPorts: Object.freeze([]) as unknown as string[],
});

export type AddressCheck =
  | { ok: true }
  | {
      ok: false;
      /** Human readable, names the address and the range: "127.0.0.1 is a loopback address (127.0.0.0/8)". */
      reason: string;
      category: AddressCategory;
      /** The reason without its subject, to follow a host name: "which is a loopback address (127.0.0.0/8)". */
      detail: string;
    };

/** What the guard knows about one address: its category, the range that decided it, and any embedded IPv4. */
export interface AddressInfo {
  category: AddressCategory;
  /** The CIDR (or description) that matched, e.g. `127.0.0.0/8`; null for public addresses. */
  range: string | null;
  /** For IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4): that address and the form. */
  embedded: { ipv4: string; form: string } | null;
}

interface RangeRule {
  cidr: string;
  category: Exclude<AddressCategory, 'public' | 'invalid'>;
  note?: string;
}

// Order matters only where ranges nest (first match wins): the more specific range comes first.
const IPV4_RULES: RangeRule[] = [
  { cidr: '0.0.0.0/8', category: 'unspecified', note: '"this network"' },
  { cidr: '10.0.0.0/8', category: 'private' },
  { cidr: '100.64.0.0/10', category: 'cgnat' },
  { cidr: '127.0.0.0/8', category: 'loopback' },
  { cidr: '169.254.0.0/16', category: 'link-local', note: 'includes the cloud metadata address 169.254.169.254' },
  { cidr: '172.16.0.0/12', category: 'private' },
  { cidr: '192.0.0.0/24', category: 'reserved', note: 'IETF protocol assignments' },
  { cidr: '192.0.2.0/24', category: 'documentation' },
  { cidr: '192.88.99.0/24', category: 'reserved', note: 'former 6to4 relay anycast' },
  { cidr: '192.168.0.0/16', category: 'private' },
  { cidr: '198.18.0.0/15', category: 'benchmarking' },
  { cidr: '198.51.100.0/24', category: 'documentation' },
  { cidr: '203.0.113.0/24', category: 'documentation' },
  { cidr: '224.0.0.0/4', category: 'multicast' },
  { cidr: '255.255.255.255/32', category: 'broadcast' },
  { cidr: '240.0.0.0/4', category: 'reserved', note: 'future use' },
];

/** IPv6 forms that carry an IPv4 address; the IPv4 address decides. `offset` is the byte where it starts. */
const IPV6_EMBEDDING: { cidr: string; form: string; offset: number }[] = [
  { cidr: '::ffff:0:0/96', form: 'IPv4-mapped', offset: 12 },
  { cidr: '::ffff:0:0:0/96', form: 'IPv4-translated', offset: 12 },
  { cidr: '64:ff9b::/96', form: 'NAT64', offset: 12 },
  { cidr: '2002::/16', form: '6to4', offset: 2 },
];

const IPV6_RULES: RangeRule[] = [
  { cidr: '::/128', category: 'unspecified' },
  { cidr: '::1/128', category: 'loopback' },
  { cidr: '64:ff9b:1::/48', category: 'private', note: 'local-use NAT64' },
  { cidr: '100::/64', category: 'reserved', note: 'discard-only' },
  { cidr: '2001::/32', category: 'reserved', note: 'Teredo tunnelling' },
  { cidr: '2001:2::/48', category: 'benchmarking' },
  { cidr: '2001:db8::/32', category: 'documentation' },
  { cidr: '2001::/23', category: 'reserved', note: 'IETF protocol assignments' },
  { cidr: '3fff::/20', category: 'documentation' },
  { cidr: '5f00::/16', category: 'reserved', note: 'SRv6 segment identifiers' },
  { cidr: 'fc00::/7', category: 'private', note: 'unique local' },
  { cidr: 'fec0::/10', category: 'private', note: 'deprecated site-local' },
  { cidr: 'fe80::/10', category: 'link-local' },
  { cidr: 'ff00::/8', category: 'multicast' },
];

// Parsed once; the tables are constants.
const parsedIPv4Rules = IPV4_RULES.map((rule) => ({ rule, cidr: ipaddr.IPv4.parseCIDR(rule.cidr) }));
const parsedIPv6Rules = IPV6_RULES.map((rule) => ({ rule, cidr: ipaddr.IPv6.parseCIDR(rule.cidr) }));
const parsedEmbedding = IPV6_EMBEDDING.map((e) => ({ ...e, cidr: ipaddr.IPv6.parseCIDR(e.cidr) }));
const globalUnicast = ipaddr.IPv6.parseCIDR('2000::/3');
// The deprecated IPv4-compatible form ::a.b.c.d; checked after :: and ::1, which it also covers.
const ipv4Compatible = ipaddr.IPv6.parseCIDR('::/96');

/**
 * Parses an IP address strictly: dotted-quad decimal IPv4 or IPv6 (brackets and a zone id tolerated).
 * Odd IPv4 spellings (`0x7f.1`, `2130706433`) are refused here: URLs normalise them before they reach us, and
 * resolvers never return them, so meeting one means something is wrong.
 */
export function parseIp(text: string): IPv4 | IPv6 | null {
  let value = text.trim();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (!value.includes(':')) return null;
  try {
    return ipaddr.IPv6.parse(value);
  } catch {
    return null;
  }
}

function inspectIPv4(ip: IPv4): AddressInfo {
  for (const { rule, cidr } of parsedIPv4Rules) {
    if (ip.match(cidr)) return { category: rule.category, range: rule.cidr, embedded: null };
  }
  return { category: 'public', range: null, embedded: null };
}

function embeddedIPv4(ip: IPv6, offset: number): IPv4 {
  const bytes = ip.toByteArray().slice(offset, offset + 4);
  return new ipaddr.IPv4(bytes);
}

function inspectIPv6(ip: IPv6): AddressInfo {
  for (const embedding of parsedEmbedding) {
    if (ip.match(embedding.cidr)) {
      const inner = embeddedIPv4(ip, embedding.offset);
      const info = inspectIPv4(inner);
      return { ...info, embedded: { ipv4: inner.toString(), form: embedding.form } };
    }
  }
  for (const { rule, cidr } of parsedIPv6Rules) {
    if (ip.match(cidr)) return { category: rule.category, range: rule.cidr, embedded: null };
  }
  if (ip.match(ipv4Compatible)) {
    const inner = embeddedIPv4(ip, 12);
    return { ...inspectIPv4(inner), embedded: { ipv4: inner.toString(), form: 'IPv4-compatible' } };
  }
  if (!ip.match(globalUnicast)) {
    return { category: 'reserved', range: 'outside 2000::/3 (not global unicast)', embedded: null };
  }
  return { category: 'public', range: null, embedded: null };
}

/** Category, deciding range and embedded IPv4 of an address; `invalid` when the text is not an IP address. */
export function inspectAddress(ip: string): AddressInfo {
  const parsed = parseIp(ip);
  if (!parsed) return { category: 'invalid', range: null, embedded: null };
  return parsed.kind() === 'ipv4' ? inspectIPv4(parsed as IPv4) : inspectIPv6(parsed as IPv6);
}

export function classifyAddress(ip: string): AddressCategory {
  return inspectAddress(ip).category;
}

function describeCategory(info: AddressInfo): string {
  const rule = [...IPV4_RULES, ...IPV6_RULES].find((r) => r.cidr === info.range);
  const where = info.range ? ` (${info.range}${rule?.note ? `, ${rule.note}` : ''})` : '';
  const article = /^[aeiou]/.test(info.category) ? 'an' : 'a';
  return `${article} ${info.category} address${where}`;
}

/** IPv6 text in its canonical short form; IPv4 as dotted quad. IPv4-mapped addresses become their IPv4 form. */
function canonical(ip: IPv4 | IPv6): string {
  if (ip.kind() === 'ipv6') {
    const v6 = ip as IPv6;
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
    return new ipaddr.IPv6(v6.parts).toRFC5952String();
  }
  return ip.toString();
}

function formatHostPort(ip: IPv4 | IPv6, port: number): string {
  const text = canonical(ip);
  return text.includes(':') ? `[${text}]:${port}` : `${text}:${port}`;
}

interface CompiledAllowList {
  hostPorts: Set<string>;
  ranges: [IPv4 | IPv6, number][];
}

// An AllowList is plain data, built once at start and checked on every connection: compile it once.
const compiled = new WeakMap<AllowList, CompiledAllowList>();

function compile(allow: AllowList): CompiledAllowList {
  let result = compiled.get(allow);
  if (result) return result;
  const hostPorts = new Set<string>();
  for (const entry of allow.hostPorts) {
    const normalised = normaliseHostPortEntry(entry);
    if (normalised) hostPorts.add(normalised);
  }
  const ranges: [IPv4 | IPv6, number][] = [];
  for (const range of allow.ranges) {
    // A malformed hand-built entry is skipped: it never widens access.
    if (ipaddr.isValidCIDR(range)) ranges.push(ipaddr.parseCIDR(range));
  }
  result = { hostPorts, ranges };
  compiled.set(allow, result);
  return result;
}

function inRange(ip: IPv4 | IPv6, cidr: [IPv4 | IPv6, number]): boolean {
  // An IPv4-mapped address is the IPv4 host the kernel actually talks to: let IPv4 ranges match it.
  const candidate = ip.kind() === 'ipv6' && (ip as IPv6).isIPv4MappedAddress() ? (ip as IPv6).toIPv4Address() : ip;
  if (candidate.kind() !== cidr[0].kind()) return false;
  return candidate.match(cidr);
}

/**
 * May Convey connect to `ip:port`? Public addresses may; everything else only when the operator allowed the exact
 * `ip:port` or a range containing the address. The reason names the address, its category and the range.
 */
export function checkAddress(ip: string, port: number, allow: AllowList = EMPTY_ALLOW_LIST): AddressCheck {
  const parsed = parseIp(ip);
  if (!parsed) {
    return { ok: false, reason: `"${ip}" is not an IP address`, category: 'invalid', detail: 'which is not an IP address' };
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    const detail = `but port ${port} is not a valid TCP port`;
    return { ok: false, reason: `port ${port} is not a valid TCP port`, category: 'invalid', detail };
  }
  const rules = compile(allow);
  if (rules.hostPorts.has(formatHostPort(parsed, port))) return { ok: true };
  if (rules.ranges.some((cidr) => inRange(parsed, cidr))) return { ok: true };

  const info = parsed.kind() === 'ipv4' ? inspectIPv4(parsed as IPv4) : inspectIPv6(parsed as IPv6);
  if (info.category === 'public') return { ok: true };
  const detail = info.embedded
    ? `which carries ${info.embedded.ipv4} (${info.embedded.form}), ${describeCategory(info)}`
    : `which is ${describeCategory(info)}`;
  return { ok: false, reason: `${ip} ${detail.replace(/^which /, '')}`, category: info.category, detail };
}

function normaliseHostPortEntry(entry: string): string | null {
  try {
    const { ip, port } = splitHostPort(entry);
    return formatHostPort(ip, port);
  } catch {
    return null;
  }
}

function parsePort(text: string, entry: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new Error(`allow-list entry "${entry}": port "${text}" is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new Error(`allow-list entry "${entry}": port ${port} is out of range 1-65535`);
  return port;
}

function splitHostPort(entry: string): { ip: IPv4 | IPv6; port: number } {
  const bracketed = /^\[([^\]]+)\]:(.*)$/.exec(entry);
  const plain = /^([^:]+):(.*)$/.exec(entry);
  const match = bracketed ?? plain;
  if (!match) throw new Error(`allow-list entry "${entry}": expected ip:port or [ipv6]:port`);
  const ip = parseIp(match[1]);
  if (!ip) {
    throw new Error(
      `allow-list entry "${entry}": "${match[1]}" is not an IP address ` +
        '(the guard checks resolved addresses, so name the address, e.g. 127.0.0.1:8081)',
    );
  }
  return { ip, port: parsePort(match[2], entry) };
}

function parseRangeEntry(entry: string): string {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !/^\d{1,3}$/.test(bits ?? '')) {
    throw new Error(`allow-list entry "${entry}": expected a CIDR range such as 10.0.0.0/8 or fd00::/8`);
  }
  const ip = parseIp(address);
  if (!ip) throw new Error(`allow-list entry "${entry}": "${address}" is not an IP address`);
  const prefix = Number(bits);
  const maxPrefix = ip.kind() === 'ipv4' ? 32 : 128;
  if (prefix > maxPrefix) {
    throw new Error(`allow-list entry "${entry}": prefix /${prefix} is longer than /${maxPrefix}`);
  }
  // Store the network address so that "10.1.2.3/8" and "10.0.0.0/8" mean, and print as, the same range.
  const network =
    ip.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${ip.toString()}/${prefix}`).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(`${canonicalV6(ip as IPv6)}/${prefix}`).toRFC5952String();
  return `${network}/${prefix}`;
}

function canonicalV6(ip: IPv6): string {
  return new ipaddr.IPv6(ip.parts).toRFC5952String();
}

/**
 * Parses the operator's allow-list, e.g. `"127.0.0.1:8081, 10.0.0.0/8, [::1]:9000"`.
 * Entries: `ip:port` / `[ipv6]:port` (that exact endpoint), `cidr` (a range, any port), a bare IP (that address,
 * any port). Throws an Error naming the bad entry.
 */
export function parseAllowList(spec: string): AllowList {
  const ranges: string[] = [];
  const hostPorts: string[] = [];
  for (const raw of spec.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (/\s/.test(entry)) throw new Error(`allow-list entry "${entry}": separate entries with commas`);
    if (entry.includes('/')) {
      ranges.push(parseRangeEntry(entry));
      continue;
    }
    const bare = parseIp(entry);
    if (bare) {
      ranges.push(bare.kind() === 'ipv4' ? `${bare.toString()}/32` : `${canonicalV6(bare as IPv6)}/128`);
      continue;
    }
    const { ip, port } = splitHostPort(entry);
    hostPorts.push(formatHostPort(ip, port));
  }
  return { ranges, hostPorts };
}
