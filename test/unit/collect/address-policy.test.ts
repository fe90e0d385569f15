import { canonicalAddress, refusalOf } from '../../../functions/collect/address-policy';

describe('refusalOf', () => {
  it.each([
    // IPv4, in every spelling the URL parser accepts
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['2130706433', 'a loopback address'],
    ['0x7f.1', 'a loopback address'],
    ['0x7f000001', 'a loopback address'],
    ['0177.0.0.1', 'a loopback address'],
    ['127.1', 'a loopback address'],
    ['10.0.0.5', 'a private address (RFC 1918)'],
    ['012.0.0.5', 'a private address (RFC 1918)'],
    ['172.16.0.1', 'a private address (RFC 1918)'],
    ['172.31.255.255', 'a private address (RFC 1918)'],
    ['192.168.1.1', 'a private address (RFC 1918)'],
    ['3232235777', 'a private address (RFC 1918)'],
    ['169.254.169.254', 'the cloud instance metadata service (link-local)'],
    ['0xa9fea9fe', 'the cloud instance metadata service (link-local)'],
    ['169.254.1.1', 'a link-local address (RFC 3927)'],
    ['100.64.0.1', 'a carrier-grade NAT address (RFC 6598)'],
    ['100.127.255.255', 'a carrier-grade NAT address (RFC 6598)'],
    ['0.0.0.0', 'the unspecified address'],
    ['0', 'the unspecified address'],
    ['0.1.2.3', 'a "this network" address (RFC 791)'],
    ['192.0.0.8', 'an IETF protocol assignment (RFC 6890)'],
    ['192.0.2.1', 'a documentation address (RFC 5737)'],
    ['198.51.100.7', 'a documentation address (RFC 5737)'],
    ['203.0.113.9', 'a documentation address (RFC 5737)'],
    ['192.88.99.1', 'a deprecated 6to4 relay address (RFC 7526)'],
    ['198.18.0.1', 'a benchmarking address (RFC 2544)'],
    ['198.19.255.255', 'a benchmarking address (RFC 2544)'],
    ['224.0.0.1', 'a multicast address'],
    ['239.255.255.250', 'a multicast address'],
    ['240.0.0.1', 'a reserved address (RFC 1112)'],
    ['255.255.255.255', 'the broadcast address'],
    // IPv6, bracketed or not, with a zone or not
    ['::1', 'a loopback address'],
    ['[::1]', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['::', 'the unspecified address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['febf:ffff::1', 'a link-local address'],
    ['fc00::1', 'a unique local address (RFC 4193)'],
    ['fdff:ffff::1', 'a unique local address (RFC 4193)'],
    ['fd00:ec2::254', 'the EC2 instance metadata service (IPv6)'],
    ['[FD00:EC2:0:0:0:0:0:254]', 'the EC2 instance metadata service (IPv6)'],
    ['fec0::1', 'a deprecated site-local address (RFC 3879)'],
    ['ff02::1', 'a multicast address'],
    ['100::1', 'a discard-only address (RFC 6666)'],
    ['2001:db8::1', 'a documentation address (RFC 3849)'],
    ['3fff::1', 'a documentation address (RFC 9637)'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'a Teredo tunnel address (RFC 4380)'],
    ['2001:2::1', 'a benchmarking address (RFC 5180)'],
    ['2001:20::1', 'an ORCHIDv2 address (RFC 7343)'],
    ['2002:a00:5::1', 'a 6to4 address (RFC 3056)'],
    ['64:ff9b:1::a00:5', 'a local-use NAT64 address (RFC 8215)'],
    ['5f00::1', 'an SRv6 segment identifier (RFC 9602)'],
    ['1::', 'an address IANA has not assigned for public use'],
    ['4000::1', 'an address IANA has not assigned for public use'],
    // IPv4 inside IPv6: judged by the IPv4 address, in dotted or hex form
    ['::ffff:127.0.0.1', 'an IPv4-mapped address of 127.0.0.1, a loopback address'],
    ['::ffff:7f00:1', 'an IPv4-mapped address of 127.0.0.1, a loopback address'],
    ['[::ffff:7f00:1]', 'an IPv4-mapped address of 127.0.0.1, a loopback address'],
    [
      '0:0:0:0:0:ffff:a9fe:a9fe',
      'an IPv4-mapped address of 169.254.169.254, the cloud instance metadata service (link-local)',
    ],
    ['::FFFF:10.0.0.5', 'an IPv4-mapped address of 10.0.0.5, a private address (RFC 1918)'],
    ['::127.0.0.1', 'an IPv4-compatible address of 127.0.0.1, a loopback address'],
    ['::a00:5', 'an IPv4-compatible address of 10.0.0.5, a private address (RFC 1918)'],
    ['64:ff9b::10.0.0.5', 'a NAT64 address (RFC 6052) of 10.0.0.5, a private address (RFC 1918)'],
    [
      '64:ff9b::a9fe:a9fe',
      'a NAT64 address (RFC 6052) of 169.254.169.254, the cloud instance metadata service (link-local)',
    ],
    // Not an address at all: the guard fails closed
    ['example.org', 'not an IP address'],
    ['', 'not an IP address'],
    ['1.2.3.4.5', 'not an IP address'],
  ])('refuses %s: %s', (address, reason) => {
    expect(refusalOf(address)).toBe(reason);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '1.1.1.1',
    '100.63.255.255', // just below CGNAT
    '100.128.0.0', // just above it
    '172.15.255.255', // just below 172.16/12
    '172.32.0.0', // just above it
    '169.253.255.255',
    '192.0.1.1',
    '198.17.255.255',
    '223.255.255.255', // just below multicast
    '2606:4700:4700::1111',
    '2a00:1450:4009:81f::200e',
    '::ffff:93.184.215.14', // mapped, but to a public address
    '64:ff9b::8.8.8.8', // NAT64 of a public address, as an IPv6-only network resolves it
  ])('allows the public address %s', (address) => {
    expect(refusalOf(address)).toBeUndefined();
  });
});

describe('canonicalAddress', () => {
  it('writes an address the way the URL parser does, so what is judged is what is connected to', () => {
    expect(canonicalAddress('0x7f.1')).toBe('127.0.0.1');
    expect(canonicalAddress('2130706433')).toBe('127.0.0.1');
    expect(canonicalAddress('[::FFFF:127.0.0.1]')).toBe('::ffff:7f00:1');
    expect(canonicalAddress('fe80::1%25eth0')).toBe('fe80::1');
    expect(canonicalAddress('example.org')).toBeUndefined();
  });
});
