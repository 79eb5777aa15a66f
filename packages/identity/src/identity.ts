/**
 * Who is calling (docs/design.md §8). The gateway authenticates every request and forwards exactly one of
 * these to the subgraphs; subgraphs authorize from it and never from anything the client sent directly.
 */
import { z } from "zod";

const id = z.string().trim().min(1).max(128);
/** Two-digit province administrative division code (50 Chongqing, 51 Sichuan, …). */
const provinceCode = z.string().regex(/^\d{2}$/, "province code is two digits");

/** zod schema of {@link Identity}; used when a signed header is read back. */
export const identitySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("CITIZEN"), accountId: id }).strict(),
  z.object({ kind: z.literal("OFFICER"), officerId: id, provinceCode }).strict(),
  z.object({ kind: z.literal("CAMERA"), systemId: id, provinceCode }).strict(),
  z.object({ kind: z.literal("PARTNER"), partnerId: id, companyId: id }).strict(),
  z.object({ kind: z.literal("BANK"), bankId: id }).strict(),
  z.object({ kind: z.literal("SERVICE"), service: id }).strict(),
  z.object({ kind: z.literal("ANONYMOUS") }).strict(),
]);

/** The verified caller: a citizen account, an officer or camera system of one province, a rental
 * partner of one company, a bank, an internal service, or an anonymous client (whom an edge vouches
 * for with a signed ANONYMOUS identity: subgraphs refuse requests with no identity header at all). */
export type Identity = z.infer<typeof identitySchema>;

/** The `kind` tag of an {@link Identity}. */
export type IdentityKind = Identity["kind"];
