import { describe, expect, it } from 'vitest';
import { checkAddress, classifyAddress, inspectAddress, parseAllowList, type AllowList } from './ssrf-guard.js';

const NONE: AllowList = { ranges: [], hostPorts: [] };

describe('classifyAddress', () => {
  const table: [string, ReturnType<typeof classifyAddress>][] = [
    // IPv4
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    // IPv6
    ['2606:4700:4700::1111', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['100::1', 'reserved'],
    ['4000::1', 'reserved'],
    // IPv4 carried in IPv6: the IPv4 address decides
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['::ffff:0:7f00:1', 'loopback'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b::808:808', 'public'],
    ['64:ff9b:1::1', 'private'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
    // Not addresses, or spellings a resolver never returns
    ['example.com', 'invalid'],
    ['', 'invalid'],
    ['2130706433', 'invalid'],
    ['0x7f.1', 'invalid'],
    ['127.1', 'invalid'],
    ['017700000001', 'invalid'],
  ];
  it.each(table)('%s → %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it('reports the embedded IPv4 address and the form that carried it', () => {
    expect(inspectAddress('::ffff:7f00:1')).toEqual({
      category: 'loopback',
      range: '127.0.0.0/8',
      embedded: { ipv4: '127.0.0.1', form: 'IPv4-mapped' },
    });
    expect(inspectAddress('64:ff9b::a9fe:a9fe').embedded).toEqual({ ipv4: '169.254.169.254', form: 'NAT64' });
  });
});

describe('checkAddress', () => {
  it('accepts public addresses', () => {
    expect(checkAddress('93.184.216.34', 443, NONE)).toEqual({ ok: true });
    expect(checkAddress('2606:4700:4700::1111', 80, NONE)).toEqual({ ok: true });
  });

  it('refuses internal addresses with a reason that names the address, category and range', () => {
    const verdict = checkAddress('169.254.169.254', 80, NONE);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.reason).toContain('169.254.169.254');
    expect(verdict.reason).toContain('link-local');
    expect(verdict.reason).toContain('169.254.0.0/16');
  });

  it('explains embedded addresses', () => {
    const verdict = checkAddress('::ffff:7f00:1', 80, NONE);
    expect(verdict).toMatchObject({ ok: false, category: 'loopback' });
    if (verdict.ok) return;
    expect(verdict.reason).toBe('::ffff:7f00:1 carries 127.0.0.1 (IPv4-mapped), a loopback address (127.0.0.0/8)');
    expect(verdict.detail).toBe('which carries 127.0.0.1 (IPv4-mapped), a loopback address (127.0.0.0/8)');
  });

  it('refuses text that is not an IP address and invalid ports', () => {
    expect(checkAddress('localhost', 80, NONE).ok).toBe(false);
    expect(checkAddress('8.8.8.8', 0, NONE).ok).toBe(false);
    expect(checkAddress('8.8.8.8', 70000, NONE).ok).toBe(false);
  });

  it('allows an exact host:port and nothing else on that address', () => {
    const allow = parseAllowList('127.0.0.1:8081');
    expect(checkAddress('127.0.0.1', 8081, allow)).toEqual({ ok: true });
    expect(checkAddress('127.0.0.1', 8082, allow).ok).toBe(false);
    expect(checkAddress('127.0.0.2', 8081, allow).ok).toBe(false);
    // The mapped spelling of the same endpoint is the same endpoint.
    expect(checkAddress('::ffff:127.0.0.1', 8081, allow)).toEqual({ ok: true });
  });

  it('allows an IPv6 host:port', () => {
    const allow = parseAllowList('[::1]:9000');
    expect(checkAddress('::1', 9000, allow)).toEqual({ ok: true });
    expect(checkAddress('0:0:0:0:0:0:0:1', 9000, allow)).toEqual({ ok: true });
    expect(checkAddress('::1', 9001, allow).ok).toBe(false);
  });

  it('allows a named range on any port, and only that range', () => {
    const allow = parseAllowList('10.1.0.0/16, fd00:1::/32');
    expect(checkAddress('10.1.200.3', 80, allow)).toEqual({ ok: true });
    expect(checkAddress('10.1.200.3', 5432, allow)).toEqual({ ok: true });
    expect(checkAddress('::ffff:10.1.0.9', 80, allow)).toEqual({ ok: true });
    expect(checkAddress('10.2.0.1', 80, allow).ok).toBe(false);
    expect(checkAddress('fd00:1:2::3', 80, allow)).toEqual({ ok: true });
    expect(checkAddress('fd00:2::3', 80, allow).ok).toBe(false);
    expect(checkAddress('127.0.0.1', 80, allow).ok).toBe(false);
  });

  it('ignores malformed entries of a hand-built allow-list instead of widening access', () => {
    const allow: AllowList = { ranges: ['not-a-range', '10.0.0.0/99'], hostPorts: ['localhost:80'] };
    expect(checkAddress('10.0.0.1', 80, allow).ok).toBe(false);
    expect(checkAddress('127.0.0.1', 80, allow).ok).toBe(false);
  });
});

describe('parseAllowList', () => {
  it('parses the documented example', () => {
    expect(parseAllowList('127.0.0.1:8081, 10.0.0.0/8, [::1]:9000')).toEqual({
      ranges: ['10.0.0.0/8'],
      hostPorts: ['127.0.0.1:8081', '[::1]:9000'],
    });
  });

  it('treats an empty spec as allowing nothing', () => {
    expect(parseAllowList('')).toEqual({ ranges: [], hostPorts: [] });
    expect(parseAllowList(' , ,')).toEqual({ ranges: [], hostPorts: [] });
  });

  it('normalises ranges to their network address and bare addresses to single-address ranges', () => {
    expect(parseAllowList('10.1.2.3/8,192.168.1.7,fd00::1,[fd00::2],FD00:0:0::/8').ranges).toEqual([
      '10.0.0.0/8',
      '192.168.1.7/32',
      'fd00::1/128',
      'fd00::2/128',
      'fd00::/8',
    ]);
  });

  const bad: [string, RegExp][] = [
    ['localhost:8081', /not an IP address/],
    ['127.0.0.1:port', /port "port" is not a number/],
    ['127.0.0.1:0', /out of range/],
    ['127.0.0.1:70000', /out of range/],
    ['10.0.0.0/33', /longer than \/32/],
    ['fd00::/129', /longer than \/128/],
    ['10.0.0.0/', /expected a CIDR range/],
    ['10.0.0.0/8/8', /expected a CIDR range/],
    ['0x7f.1/8', /not an IP address/],
    ['127.0.0.1:80 10.0.0.0/8', /separate entries with commas/],
    ['example.com', /expected ip:port/],
  ];
  it.each(bad)('refuses %s with a clear message', (spec, message) => {
    expect(() => parseAllowList(spec)).toThrow(message);
    expect(() => parseAllowList(spec)).toThrow(/allow-list entry/);
  });
});
