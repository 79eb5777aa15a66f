/**
 * Who may do what in a province shard (docs/design.md §8). Subgraphs authorize from the identity the
 * gateway signed; these guards throw UNAUTHENTICATED / FORBIDDEN faults.
 */
import { AppFault } from "@jg/errors";
import { type Identity } from "@jg/identity";

/** Reads need a verified identity of any kind but a rental partner (partners only write leases). */
export function requireReader(identity: Identity | null): Identity {
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind === "PARTNER") throw new AppFault("FORBIDDEN");
  return identity;
}

/** The recorder's stable name for idempotency ("CAMERA:<systemId>", "OFFICER:<officerId>"). */
export type Recorder = { name: string; source: "CAMERA" | "ON_SITE" };

/**
 * recordViolation: a camera system of this province records camera violations, an officer of this
 * province records on-site ones; nobody else records.
 */
export function requireRecorder(identity: Identity | null, provinceCode: string, source: string): Recorder {
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind === "CAMERA" && identity.provinceCode === provinceCode && source === "CAMERA") {
    return { name: `CAMERA:${identity.systemId}`, source: "CAMERA" };
  }
  if (identity.kind === "OFFICER" && identity.provinceCode === provinceCode && source === "ON_SITE") {
    return { name: `OFFICER:${identity.officerId}`, source: "ON_SITE" };
  }
  throw new AppFault("FORBIDDEN");
}

/** handleViolation: only a citizen, whose account the home platform authorizes. */
export function requireCitizen(identity: Identity | null): { accountId: string } {
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind !== "CITIZEN") throw new AppFault("FORBIDDEN");
  return { accountId: identity.accountId };
}

/** payFine: a citizen (their own handling only, checked by the payment service) or a bank. */
export type Payer = { kind: "CITIZEN"; accountId: string; name: string } | { kind: "BANK"; bankId: string; name: string };

/** Admits a citizen or a bank as payer. */
export function requirePayer(identity: Identity | null): Payer {
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind === "CITIZEN") return { kind: "CITIZEN", accountId: identity.accountId, name: `CITIZEN:${identity.accountId}` };
  if (identity.kind === "BANK") return { kind: "BANK", bankId: identity.bankId, name: `BANK:${identity.bankId}` };
  throw new AppFault("FORBIDDEN");
}
