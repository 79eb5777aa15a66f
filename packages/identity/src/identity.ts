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

/** The identity of each verified payload read so far (see {@link identityOfClaims}). */
const identities = new WeakMap<object, Identity | null>();

/**
 * The identity a verified token's claims carry (`idn`), or null when it is not a valid one. Checked by
 * {@link identitySchema} once per payload object: the key directory hands back the same verified payload
 * for every request that carries the same token (its verified-token memory), so the same identity header
 * or bearer token is not re-parsed per request (issue 12: zod was ≈ 1 % of a shard host under load).
 * The identity is frozen, since every request carrying that token shares it.
 */
export function identityOfClaims(payload: object): Identity | null {
  const known = identities.get(payload);
  if (known !== undefined) return known;
  const parsed = identitySchema.safeParse((payload as { idn?: unknown }).idn);
  const identity = parsed.success ? Object.freeze(parsed.data) : null;
  identities.set(payload, identity);
  return identity;
}
