/**
 * The home platform's access check (docs/design.md §8): may this citizen see these violations?
 * Only the home platform knows who owns, files or leases a vehicle, so a province shard asks it once per
 * request batch (one call for every violation a request touches) before answering a citizen.
 *
 * Each item is judged at the violation's own occurrence time, as R-ELG-7 asks: the owner and a driver with
 * an active filing see every violation of the vehicle; a lessee or temporary driver sees the violations
 * that occurred during the lease, also after it ended (the platform's `Vehicle.violations` lists the same
 * set, so a past lessee never meets a FORBIDDEN on a violation the platform showed them).
 */
import { z } from "zod";

export const ACCESS_PATH = "/internal/access";

export const accessItemSchema = z.object({
  plate: z.string().min(1).max(16),
  /** When the violation occurred; ISO 8601 with offset. */
  occurredAt: z.iso.datetime({ offset: true }),
});
export type AccessItem = z.infer<typeof accessItemSchema>;

export const accessRequestSchema = z.object({
  accountId: z.string().min(1).max(128),
  items: z.array(accessItemSchema).min(1).max(500),
});
export type AccessRequest = z.infer<typeof accessRequestSchema>;

export const accessResponseSchema = z.object({
  /** One entry per requested item, in the request's order: true when the account may see it. */
  allowed: z.array(z.boolean()),
});
export type AccessResponse = z.infer<typeof accessResponseSchema>;
