import dns, { type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { canonicalAddress, refusalOf } from './address-policy';

/**
 * The DNS side of the collector's SSRF guard. The connection is opened with a `lookup` that
 * resolves once, refuses the host if any of its addresses is not public, and hands the checked
 * addresses to the socket: there is no second lookup for a rebinding DNS server to answer
 * differently. The socket still connects by host name, so TLS SNI, certificate checks and the
 * Host header are the host's, not the address's.
 */

/** Resolves a host name to all of its addresses (injectable, so a test can resolve a public-looking name to 127.0.0.1). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) => dns.promises.lookup(hostname, { all: true });

/** A connection the guard refused, and why: its message is meant for the source's failure reason. */
export class AddressRefused extends Error {
  constructor(host: string, address: string, why: string) {
    super(`refused: ${host === address ? `${address} is` : `${host} resolves to ${address},`} ${why}`);
    this.name = 'AddressRefused';
  }
}

/** Why an address is refused, or undefined when the collector may connect to it. */
export type AddressPolicy = (address: string) => string | undefined;

/**
 * Public addresses only, unless `allowPrivate` (then any). `exempt` lists single addresses allowed
 * all the same: a test's own server on 127.0.0.1, while every other private address stays refused.
 */
export function addressPolicy(allowPrivate: boolean, exempt: readonly string[] = []): AddressPolicy {
  if (allowPrivate) return () => undefined;
  const allowed = new Set(exempt.map(canonicalAddress));
  return (address) => (allowed.has(canonicalAddress(address)) ? undefined : refusalOf(address));
}

/**
 * Refuses a URL whose host is an IP address the policy refuses. Sockets skip `lookup` for an IP
 * address, so this check is the guard for such URLs; undefined for a host name or an allowed address.
 */
export function refusedLiteral(url: URL, policy: AddressPolicy): AddressRefused | undefined {
  const address = canonicalAddress(url.hostname);
  const why = address && policy(address);
  return address && why ? new AddressRefused(address, address, why) : undefined;
}

/** A `lookup` for http(s).request that checks every address it resolves against the policy. */
export function guardedLookup(resolve: Resolve, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    const settle = (found: LookupAddress[]) => {
      const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
      const usable = found.filter((entry) => !family || entry.family === family);
      const [first] = usable;
      if (!first) return notFound(hostname);
      for (const entry of usable) {
        const why = policy(entry.address);
        if (why) return new AddressRefused(hostname, entry.address, why);
      }
      return options.all ? () => callback(null, usable) : () => callback(null, first.address, first.family);
    };
    resolve(hostname).then(
      (found) => {
        const outcome = settle(found);
        if (outcome instanceof Error) callback(outcome, '');
        else outcome();
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
}
