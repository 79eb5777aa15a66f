/**
 * The home platform's access check (DESIGN.md §8): may this citizen see the violations of these plates?
 * Only the home platform knows who owns, files or leases a vehicle, so a province shard asks it once per
 * request batch (one call for all plates a request touches) before answering a citizen.
 * Allowed: the owner, a driver with an active filing, a lessee or temporary driver during the lease.
 */
import { z } from "zod";

export const ACCESS_PATH = "/internal/access";

export const accessRequestSchema = z.object({
  accountId: z.string().min(1).max(128),
  plates: z.array(z.string().min(1).max(16)).min(1).max(500),
  /** The instant the access is judged at (filings and leases have periods); ISO 8601. */
  at: z.iso.datetime({ offset: true }),
});
export type AccessRequest = z.infer<typeof accessRequestSchema>;

export const accessResponseSchema = z.object({
  /** One entry per requested plate: true when the account may see that vehicle's violations. */
  allowed: z.record(z.string(), z.boolean()),
});
export type AccessResponse = z.infer<typeof accessResponseSchema>;
