/**
 * Which URLs a partner may register. http(s) only, no credentials in the URL, no fragment. In
 * production the platform refuses loopback, private, link-local and unspecified addresses given as
 * literals or as `localhost`, so an endpoint cannot aim the platform at its own network (SSRF); in
 * development loopback receivers are the normal case and are allowed. A host name that resolves to an
 * internal address is refused at registration where it resolves (public-address.ts `refuseResolvedHost`)
 * and, whatever it resolved to then, at every delivery's connection (docs/design.md §11).
 */
import { refuseLiteralHost } from "./public-address";

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
  return refuseLiteralHost(host);
}
