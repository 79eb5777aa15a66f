/**
 * Request IDs: a client's (or load balancer's) `x-request-id` is kept when it is short and plain, so
 * logs correlate end to end; otherwise, or when absent, the gateway makes one. It goes to every
 * subgraph and back to the client.
 */
import { randomUUID } from "node:crypto";

const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request ID to use for a request that came with `incoming` (possibly undefined or repeated). */
export function requestIdOf(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE.test(value) ? value : randomUUID();
}
