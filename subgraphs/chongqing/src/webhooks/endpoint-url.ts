/**
 * Which URLs a partner may register. http(s) only, no credentials in the URL, no fragment. In
 * production the platform refuses loopback, private, link-local and unspecified addresses given as
 * literals or as `localhost`, so an endpoint cannot aim the platform at its own network (SSRF); in
 * development loopback receivers are the normal case and are allowed. A host name that resolves to a
 * private address is not caught here (that needs resolution at send time; see docs/design.md §11).
 */
import { isIP } from "node:net";

/** Returns the reason a URL is refused, or null when it may be registered. */
export function refuseEndpointUrl(raw: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "the URL must be http or https";
  if (url.username || url.password) return "the URL must not carry credentials";
  if (url.hash) return "the URL must not have a fragment";
  if (!production) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback receivers are refused in production";
  if (isIP(host) && isInternalAddress(host)) return "loopback, private and link-local addresses are refused in production";
  return null;
}

function isInternalAddress(ip: string): boolean {
  if (isIP(ip) === 6) {
    // IPv4-mapped (::ffff:a.b.c.d, which URL normalizes to ::ffff:XXXX:XXXX): judge the IPv4 address.
    const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    if (dotted) return isInternalAddress(dotted[1]!);
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
    if (hex) {
      const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
      return isInternalAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return ip === "::1" || ip === "::" || /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip);
  }
  const [a, b] = ip.split(".").map(Number) as [number, number];
  return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}
