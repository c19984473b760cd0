import { describe, it, expect } from 'vitest';
import { clientIp, ipBucket, parseAddress } from './client-ip.js';

const PROXIES = ['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8'];

describe('clientIp', () => {
  it.each([
    ['no proxy configured: the peer, header ignored', '203.0.113.9', '198.51.100.1', [], '203.0.113.9'],
    ['untrusted peer: header ignored (spoofing attempt)', '203.0.113.9', '1.2.3.4', PROXIES, '203.0.113.9'],
    ['trusted peer, one hop', '10.0.0.2', '198.51.100.7', PROXIES, '198.51.100.7'],
    ['trusted peer, forged entries on the left are ignored', '10.0.0.2', '1.1.1.1, 2.2.2.2, 198.51.100.7', PROXIES, '198.51.100.7'],
    ['trusted chain: skips our own proxies from the right', '10.0.0.2', '6.6.6.6, 198.51.100.7, 10.1.1.1, 10.2.2.2', PROXIES, '198.51.100.7'],
    ['every hop trusted: the left-most', '127.0.0.1', '10.9.9.9, 10.1.1.1', PROXIES, '10.9.9.9'],
    ['trusted peer, no header: the peer', '10.0.0.2', undefined, PROXIES, '10.0.0.2'],
    ['trusted peer, empty header: the peer', '10.0.0.2', ' , ', PROXIES, '10.0.0.2'],
    ['garbage right of the client stops the walk', '10.0.0.2', '198.51.100.7, not-an-ip', PROXIES, '10.0.0.2'],
    ['garbage left of the client is never reached', '10.0.0.2', 'evil, 198.51.100.7', PROXIES, '198.51.100.7'],
    ['IPv4-mapped peer is IPv4', '::ffff:203.0.113.9', undefined, [], '203.0.113.9'],
    ['IPv4-mapped peer matches an IPv4 proxy range', '::ffff:10.0.0.2', '198.51.100.7', PROXIES, '198.51.100.7'],
    ['IPv6 proxy and client', '::1', '2001:db8::1', PROXIES, '2001:db8::1'],
    ['IPv6 client with brackets and port', '::1', '[2001:db8::2]:4711', PROXIES, '2001:db8::2'],
    ['IPv4 client with port', '::1', '198.51.100.7:4711', PROXIES, '198.51.100.7'],
    ['several headers joined', '10.0.0.2', ['5.5.5.5', '198.51.100.7'], PROXIES, '198.51.100.7'],
    ['zone id on the peer', 'fe80::1%eth0', undefined, [], 'fe80::1'],
    ['short IPv4 forms are not addresses', '10.0.0.2', '127.1', PROXIES, '10.0.0.2'],
  ] as const)('%s', (_name, peer, header, proxies, expected) => {
    expect(clientIp(peer, header as string | string[] | undefined, proxies as readonly string[])).toBe(expected);
  });

  it('returns unknown for a missing or bad peer', () => {
    expect(clientIp(undefined, '1.2.3.4', PROXIES)).toBe('unknown');
    expect(clientIp('nonsense', '1.2.3.4', PROXIES)).toBe('unknown');
  });

  it('rejects a bad trusted-proxy entry loudly', () => {
    expect(() => clientIp('10.0.0.2', '1.2.3.4', ['10.0.0.0/33'])).toThrow(/prefix length/);
    expect(() => clientIp('10.0.0.2', '1.2.3.4', ['my-proxy'])).toThrow(/trusted proxies/);
  });
});

describe('ipBucket', () => {
  it.each([
    ['203.0.113.9', '203.0.113.0/24'],
    ['203.0.113.250', '203.0.113.0/24'],
    ['2001:db8:abcd:12::1', '2001:db8:abcd::/48'],
    ['2001:db8:abcd:ffff:1:2:3:4', '2001:db8:abcd::/48'],
    ['::ffff:203.0.113.9', '203.0.113.0/24'],
    ['::1', '::/48'],
    ['unknown', 'unknown'],
    ['', 'unknown'],
    ['999.1.1.1', 'unknown'],
  ])('%s → %s', (ip, bucket) => {
    expect(ipBucket(ip)).toBe(bucket);
  });

  it('puts neighbours in one bucket and strangers in another', () => {
    expect(ipBucket('198.51.100.1')).toBe(ipBucket('198.51.100.200'));
    expect(ipBucket('198.51.100.1')).not.toBe(ipBucket('198.51.101.1'));
    expect(ipBucket('2001:db8:1:1::1')).toBe(ipBucket('2001:db8:1:2::1'));
    expect(ipBucket('2001:db8:1::1')).not.toBe(ipBucket('2001:db8:2::1'));
  });
});

describe('parseAddress', () => {
  it.each(['0x7f.0.0.1', '127.1', '1.2.3', '1.2.3.4.5', '[::1', 'x'.repeat(200)])('refuses %s', (text) => {
    expect(parseAddress(text)).toBeNull();
  });
});
