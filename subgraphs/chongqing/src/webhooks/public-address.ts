/**
 * Webhook receivers must be on the public internet in production (SSRF, docs/design.md §11): a host
 * name that resolves to a loopback, private, link-local, shared or ULA address is refused. At delivery
 * the check runs in the connection's own DNS lookup (undici `connect.lookup`), so the address checked is
 * the address connected to: a name that answers a public address to a check and a private one to the
 * connection (DNS rebinding) cannot slip through. Literal IP hosts never reach a lookup and are judged
 * directly. At registration the name is resolved once, where it resolves, to refuse early.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { Agent, type Dispatcher } from "undici";

/** Loopback, private (RFC 1918), shared (RFC 6598), link-local, unspecified, ULA and IPv4-mapped forms of them. */
function isInternalAddress(ip: string): boolean {
  if (isIP(ip) === 6) {
    const v6 = ip.toLowerCase();
    // IPv4-mapped (::ffff:a.b.c.d, which URL normalizes to ::ffff:XXXX:XXXX): judge the IPv4 address.
    const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
    if (dotted) return isInternalAddress(dotted[1]!);
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
    if (hex) {
      const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
      return isInternalAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return v6 === "::1" || v6 === "::" || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6);
  }
  const [a, b] = ip.split(".").map(Number) as [number, number];
  return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}

/** The error of a refused address (its code names it in the delivery log). */
class InternalAddressError extends Error {
  readonly code = "ERR_WEBHOOK_INTERNAL_ADDRESS";
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, an internal address; webhook receivers must be public in production`);
  }
}

type Resolve = (host: string, options: LookupOptions & { all: true }, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `net` lookup that resolves like `dns.lookup` and fails when any address of the answer is internal
 * (the connection would try them in turn, so one internal address is enough to refuse).
 * @param resolve the resolver (tests inject one); default `dns.lookup`.
 */
function publicOnlyLookup(resolve: Resolve = dnsLookup as Resolve): LookupFunction {
  return (host, options, callback) => {
    resolve(host, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      const internal = addresses.find((a) => isInternalAddress(a.address));
      if (internal) return callback(Object.assign(new InternalAddressError(host, internal.address), { errno: 0, syscall: "lookup" }) as NodeJS.ErrnoException, "", 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** The reason a literal IP host is refused in production, or null (a name is judged by the lookup). */
export function refuseLiteralHost(hostname: string): string | null {
  const host = hostname.replace(/^\[|\]$/g, "");
  return isIP(host) && isInternalAddress(host) ? `${host} is an internal address; webhook receivers must be public in production` : null;
}

/** A keep-alive dispatcher whose connections only reach public addresses (production deliveries). */
export function publicOnlyDispatcher(resolve?: Resolve): Dispatcher {
  return new Agent({ connect: { lookup: publicOnlyLookup(resolve) }, keepAliveTimeout: 10_000 });
}

/**
 * At registration, in production: the reason a host name that resolves to an internal address is
 * refused, or null. A name that does not resolve (yet) is let through: the delivery-time check
 * still applies to every connection.
 */
export async function refuseResolvedHost(hostname: string, resolve: Resolve = dnsLookup as Resolve): Promise<string | null> {
  const host = hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return refuseLiteralHost(host);
  const addresses = await new Promise<LookupAddress[]>((done) => resolve(host, { all: true }, (err, found) => done(err ? [] : found)));
  const internal = addresses.find((a) => isInternalAddress(a.address));
  return internal ? `${host} resolves to ${internal.address}, an internal address; refused in production` : null;
}
