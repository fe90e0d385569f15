import { BlockList, isIP } from 'node:net';

/**
 * Which IP addresses the collector may connect to: only publicly routable ones. A source, a
 * redirect or a feed link must never make it read the cloud's metadata service, Lambda's runtime
 * API on localhost, or a service on a private network, and mail what it found to every subscriber.
 *
 * The blocks are IANA's special-purpose registries (RFC 6890 and successors), as OWASP's SSRF
 * cheat sheet asks. node:net's BlockList matches them (it also matches IPv4 rules against
 * IPv4-mapped IPv6 addresses); the WHATWG URL parser, the one that reads the source URLs,
 * canonicalizes every spelling first (`2130706433`, `0x7f.1`, `0177.0.0.1`, `::ffff:7f00:1`), so
 * what is judged is what is connected to. ipaddr.js 1.9 (already in the tree) was tried too: it
 * throws on `::127.0.0.1`, `64:ff9b::10.0.0.5`, `0x7f.1` and `127.1`, and names too few blocks.
 */

type Block = readonly [network: string, prefix: number, what: string];

const V4_BLOCKS: Block[] = [
  ['0.0.0.0', 32, 'the unspecified address'],
  ['0.0.0.0', 8, 'a "this network" address (RFC 791)'],
  ['10.0.0.0', 8, 'a private address (RFC 1918)'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address (RFC 6598)'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.169.254', 32, 'the cloud instance metadata service (link-local)'],
  ['169.254.0.0', 16, 'a link-local address (RFC 3927)'],
  ['172.16.0.0', 12, 'a private address (RFC 1918)'],
  ['192.0.0.0', 24, 'an IETF protocol assignment (RFC 6890)'],
  ['192.0.2.0', 24, 'a documentation address (RFC 5737)'],
  ['192.88.99.0', 24, 'a deprecated 6to4 relay address (RFC 7526)'],
  ['192.168.0.0', 16, 'a private address (RFC 1918)'],
  ['198.18.0.0', 15, 'a benchmarking address (RFC 2544)'],
  ['198.51.100.0', 24, 'a documentation address (RFC 5737)'],
  ['203.0.113.0', 24, 'a documentation address (RFC 5737)'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['255.255.255.255', 32, 'the broadcast address'],
  ['240.0.0.0', 4, 'a reserved address (RFC 1112)'],
];

const V6_BLOCKS: Block[] = [
  ['::', 128, 'the unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['64:ff9b:1::', 48, 'a local-use NAT64 address (RFC 8215)'],
  ['100::', 64, 'a discard-only address (RFC 6666)'],
  ['2001::', 32, 'a Teredo tunnel address (RFC 4380)'],
  ['2001:2::', 48, 'a benchmarking address (RFC 5180)'],
  ['2001:10::', 28, 'an ORCHID address (RFC 4843)'],
  ['2001:20::', 28, 'an ORCHIDv2 address (RFC 7343)'],
  ['2001:db8::', 32, 'a documentation address (RFC 3849)'],
  ['2002::', 16, 'a 6to4 address (RFC 3056)'],
  ['3fff::', 20, 'a documentation address (RFC 9637)'],
  ['5f00::', 16, 'an SRv6 segment identifier (RFC 9602)'],
  ['fd00:ec2::254', 128, 'the EC2 instance metadata service (IPv6)'],
  ['fc00::', 7, 'a unique local address (RFC 4193)'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a deprecated site-local address (RFC 3879)'],
  ['ff00::', 8, 'a multicast address'],
];

/** IPv6 blocks whose last 32 bits are an IPv4 address: judged by that address. */
const V4_EMBEDDING: Block[] = [
  ['::ffff:0:0', 96, 'an IPv4-mapped address'],
  ['::', 96, 'an IPv4-compatible address'],
  ['64:ff9b::', 96, 'a NAT64 address (RFC 6052)'],
];

/** Everything else outside 2000::/3 is unassigned or reserved by IANA: no public host lives there. */
const GLOBAL_UNICAST = list([['2000::', 3, '']], 'ipv6');

function list(blocks: Block[], family: 'ipv4' | 'ipv6'): BlockList {
  const result = new BlockList();
  for (const [network, prefix] of blocks) result.addSubnet(network, prefix, family);
  return result;
}
const compiled = (blocks: Block[], family: 'ipv4' | 'ipv6') =>
  blocks.map(([network, prefix, what]) => ({ list: list([[network, prefix, what]], family), what }));
const v4 = compiled(V4_BLOCKS, 'ipv4');
const v6 = compiled(V6_BLOCKS, 'ipv6');
const embedding = compiled(V4_EMBEDDING, 'ipv6');

/**
 * The canonical form of an IP address however it is written (brackets, a zone, the URL
 * parser's decimal, octal and hex IPv4 forms), or undefined when `host` is not an IP address.
 * @example canonicalAddress('0x7f.1') // '127.0.0.1'
 * @example canonicalAddress('[::FFFF:127.0.0.1]') // '::ffff:7f00:1'
 */
export function canonicalAddress(host: string): string | undefined {
  const bare = host.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const wrapped = isIP(bare) === 6 ? `[${bare}]` : bare;
  if (!URL.canParse(`http://${wrapped}/`)) return undefined;
  const hostname = new URL(`http://${wrapped}/`).hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(hostname) ? hostname : undefined;
}

/**
 * Why the collector must not connect to `address`, or undefined when it is a public address.
 * Anything that is not an IP address is refused too: the guard fails closed.
 * @example refusalOf('10.0.0.5') // 'a private address (RFC 1918)'
 * @example refusalOf('93.184.215.14') // undefined
 */
export function refusalOf(address: string): string | undefined {
  const canonical = canonicalAddress(address);
  if (!canonical) return 'not an IP address';
  if (isIP(canonical) === 4) return v4.find((block) => block.list.check(canonical, 'ipv4'))?.what;
  const carrier = embedding.find((block) => block.list.check(canonical, 'ipv6'));
  const inner = carrier && canonical !== '::' && canonical !== '::1' ? embeddedIpv4(canonical) : undefined;
  if (carrier && inner) {
    const why = refusalOf(inner);
    return why && `${carrier.what} of ${inner}, ${why}`;
  }
  const named = v6.find((block) => block.list.check(canonical, 'ipv6'))?.what;
  if (named) return named;
  return GLOBAL_UNICAST.check(canonical, 'ipv6') ? undefined : 'an address IANA has not assigned for public use';
}

/** The IPv4 address in the last 32 bits of a canonical IPv6 address. */
function embeddedIpv4(canonical: string): string | undefined {
  const [head = '', tail = ''] = canonical.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = canonical.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  const [high, low] = groups.slice(6).map((group) => Number.parseInt(group, 16));
  if (high === undefined || low === undefined) return undefined;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
