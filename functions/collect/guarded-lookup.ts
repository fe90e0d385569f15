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

/**
 * Refuses a URL whose host is an IP address that is not public. Sockets skip `lookup` for an IP
 * address, so this check is the guard for such URLs; undefined for a host name or a public address.
 */
export function refusedLiteral(url: URL): AddressRefused | undefined {
  const address = canonicalAddress(url.hostname);
  const why = address && refusalOf(address);
  return address && why ? new AddressRefused(address, address, why) : undefined;
}

/** A `lookup` for http(s).request that checks every address it returns (none, with `allowPrivate`). */
export function guardedLookup(resolve: Resolve, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const settle = (found: LookupAddress[]) => {
      const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
      const usable = found.filter((entry) => !family || entry.family === family);
      const [first] = usable;
      if (!first) return notFound(hostname);
      const refused = allowPrivate ? undefined : usable.find((entry) => refusalOf(entry.address));
      if (refused) return new AddressRefused(hostname, refused.address, refusalOf(refused.address) ?? '');
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
