/**
 * Who may see what on the platform (docs/design.md §8). Subgraphs authorize from the identity the gateway
 * signed; these guards throw UNAUTHENTICATED / FORBIDDEN faults.
 * - a citizen: only their own account, licence, the vehicles they own, file or lease, and their
 *   violations;
 * - an officer: any vehicle (officers review filings);
 * - a rental partner: only its own fleet (company vehicles under its credit code).
 * A record the caller may not see answers exactly as one that does not exist (issue #10 §3): queries
 * null, mutations NOT_FOUND.
 */
import { AppFault } from "@jg/errors";
import type { AccessStatement } from "@jg/identity";
import type { PlatformContext } from "../context";
import type { AccountRow } from "../db/schema";
import { ownsVehicle } from "../partners/fleet";
import { covers, personOf, type VehicleAccessRow } from "../vehicles/vehicle-access";

/** The signed-in citizen's account. */
export async function requireCitizenAccount(ctx: PlatformContext): Promise<AccountRow> {
  const { identity } = ctx;
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind !== "CITIZEN") throw new AppFault("FORBIDDEN");
  const account = await ctx.loaders.account.load(identity.accountId);
  // A token for an account this platform does not know is not a valid sign-in.
  if (!account) throw new AppFault("UNAUTHENTICATED");
  return account;
}

/**
 * {@link requireCitizenAccount} for the read paths: the account comes with its licence, ledger, relations
 * and vehicles in one statement (the request's viewer loader primes their loaders). Mutations use
 * requireCitizenAccount, so a relation they change is read after the change.
 */
export async function requireCitizenViewer(ctx: PlatformContext): Promise<AccountRow> {
  const { identity } = ctx;
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind !== "CITIZEN") throw new AppFault("FORBIDDEN");
  const viewer = await ctx.loaders.viewer.load(identity.accountId);
  if (!viewer) throw new AppFault("UNAUTHENTICATED");
  return viewer.account;
}

/**
 * May the caller read this vehicle now? A citizen through a relation that covers now (owner, active
 * filing, a lease in progress); an officer always; a partner for its own fleet. Anonymous callers are
 * refused with UNAUTHENTICATED and callers of a kind that never reads vehicles (cameras, banks) with
 * FORBIDDEN; for a citizen or partner the answer is false, the same whether or not the plate exists:
 * the caller then answers exactly as for an unknown plate (issue #10 §3, no existence oracle).
 */
export async function mayReadVehicle(ctx: PlatformContext, plate: string): Promise<boolean> {
  const { identity } = ctx;
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind === "OFFICER") return true;
  if (identity.kind === "CITIZEN") {
    const account = await requireCitizenViewer(ctx);
    const rows = await ctx.loaders.access.load(personOf(account));
    return rows.some((row) => row.plate === plate && covers(row, ctx.now));
  }
  if (identity.kind === "PARTNER") {
    const [partner, vehicle] = await Promise.all([ctx.loaders.partner.load(identity.partnerId), ctx.loaders.vehicle.load(plate)]);
    return ownsVehicle(partner ?? undefined, vehicle ?? undefined);
  }
  throw new AppFault("FORBIDDEN");
}

/** May the caller read this account? Only the citizen themself. */
export function assertMayReadAccount(ctx: PlatformContext, accountId: string): void {
  const { identity } = ctx;
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind !== "CITIZEN" || identity.accountId !== accountId) throw new AppFault("FORBIDDEN");
}

/**
 * Which of a vehicle's violations the caller may list, by occurrence time: everything for the owner,
 * a filed driver, an officer or the rental partner; for a lessee or temporary driver only those that
 * occurred during their leases (R-ELG-7), so one lessee never sees another's. Call after
 * `mayReadVehicle` said yes.
 */
export async function violationTimeFilter(ctx: PlatformContext, plate: string): Promise<(occurredAt: Date) => boolean> {
  if (ctx.identity?.kind !== "CITIZEN") return () => true;
  const { relations } = await citizenRelations(ctx, plate);
  if (relations === "ALL") return () => true;
  return (occurredAt) => relations.some((row) => covers(row, occurredAt));
}

/**
 * The calling citizen's relations to `plate`, the one place both the platform's filter and the signed
 * statement read them from: "ALL" for the owner or an active filing, else the leases (R-ELG-7).
 */
async function citizenRelations(ctx: PlatformContext, plate: string): Promise<{ account: AccountRow; relations: "ALL" | VehicleAccessRow[] }> {
  const account = await requireCitizenViewer(ctx);
  const rows = (await ctx.loaders.access.load(personOf(account))).filter((row) => row.plate === plate);
  return { account, relations: rows.some((row) => row.relation === "OWNER" || row.relation === "FILED") ? "ALL" : rows };
}

/**
 * The access statement `Vehicle.violations` passes to the occurrence shards (issue 11, docs/design.md
 * §4): this platform's signed word of which of the vehicle's violations the citizen may see — all of
 * them for the owner or an active filing, else those that occurred during their leases (R-ELG-7), the
 * same relations and `covers` as `violationTimeFilter` and `/internal/access`; the same statement signed
 * seconds ago is handed out again (`accessStatements`, issue 12). Null for anyone but a citizen, or
 * without a signing key: the shard then decides as before.
 */
export async function accessStatementOf(ctx: PlatformContext, plate: string): Promise<string | null> {
  const sign = ctx.deps.accessStatements;
  if (ctx.identity?.kind !== "CITIZEN" || !sign) return null;
  const { account, relations } = await citizenRelations(ctx, plate);
  const periods: AccessStatement["periods"] =
    relations === "ALL" ? "ALL" : relations.map((row) => [row.since.getTime(), row.until === null ? null : row.until.getTime()] as const);
  return sign({ accountId: account.id, plate, periods }, ctx.now);
}
