/**
 * Rental partners' leases (R-ELG-7). A partner writes leases for its own fleet only (company vehicles
 * under its credit code). Overlap is refused inside the transaction after locking the vehicle row:
 * a PostgreSQL exclusion constraint would need btree_gist, which PGlite lacks, and the lock makes
 * two parallel writes for one car run one after the other. Writes are idempotent on the partner's key.
 */
import { createHash, randomUUID } from "node:crypto";
import { AppFault } from "@jg/errors";
import { and, asc, eq, gt, inArray, lt } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { leaseDrivers, leaseRequests, leases, vehicles, type LeaseDriverRow, type LeaseRow, type PartnerRow, type VehicleRow } from "../db/schema";
import type { PlatformDeps } from "../deps";
import { fleetOwner, ownsVehicle } from "../partners/fleet";

export type LeaseInput = {
  plate: string;
  lessee: { idNumber: string; name: string };
  drivers: { idNumber: string; name: string }[];
  start: Date;
  end: Date;
  idempotencyKey: string;
};

function fingerprintOf(input: LeaseInput): string {
  const canonical = JSON.stringify([input.plate, input.lessee, [...input.drivers].sort((a, b) => a.idNumber.localeCompare(b.idNumber)), input.start.toISOString(), input.end.toISOString()]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** A lease with its temporary drivers. */
export type LeaseWithDrivers = { lease: LeaseRow; drivers: LeaseDriverRow[] };

async function withDrivers(db: PlatformDb, rows: LeaseRow[]): Promise<LeaseWithDrivers[]> {
  if (rows.length === 0) return [];
  const drivers = await db.select().from(leaseDrivers).where(inArray(leaseDrivers.leaseId, rows.map((r) => r.id)));
  return rows.map((lease) => ({ lease, drivers: drivers.filter((d) => d.leaseId === lease.id) }));
}

/** Checks the period: in order, not longer than `maxDays`, not wholly past. */
function checkPeriod(start: Date, end: Date, now: Date, maxDays: number): void {
  if (end.getTime() <= start.getTime() || end.getTime() - start.getTime() > maxDays * 86_400_000 || end.getTime() <= now.getTime()) {
    throw new AppFault("LEASE_PERIOD_INVALID", { details: { maxDays } });
  }
}

/** Writes a lease (R-ELG-7). A retry with the same key and data answers the first lease. */
export async function writeLease(deps: PlatformDeps, partner: PartnerRow, input: LeaseInput, now: Date): Promise<LeaseWithDrivers> {
  checkPeriod(input.start, input.end, now, deps.citizen.settings.maxLeaseDays);
  const fingerprint = fingerprintOf(input);
  return deps.db.transaction(async (tx) => {
    // The vehicle row lock first: parallel writes for one car (and retries of one key) serialize here.
    const [vehicle] = await tx.select().from(vehicles).where(eq(vehicles.plate, input.plate)).for("update");
    const [previous] = await tx
      .select()
      .from(leaseRequests)
      .where(and(eq(leaseRequests.partnerId, partner.id), eq(leaseRequests.idempotencyKey, input.idempotencyKey)));
    if (previous) {
      if (previous.fingerprint !== fingerprint) throw new AppFault("IDEMPOTENCY_KEY_REUSED");
      const [lease] = await tx.select().from(leases).where(eq(leases.id, previous.leaseId));
      if (!lease) throw new AppFault("NOT_FOUND");
      return (await withDrivers(tx, [lease]))[0]!;
    }
    // Unknown plates answer like another partner's car: no oracle of other fleets.
    if (!ownsVehicle(partner, vehicle)) throw new AppFault("VEHICLE_NOT_IN_FLEET");
    const overlapping = await tx
      .select({ id: leases.id })
      .from(leases)
      .where(and(eq(leases.plate, input.plate), lt(leases.startsAt, input.end), gt(leases.endsAt, input.start)))
      .limit(1);
    if (overlapping.length > 0) throw new AppFault("LEASE_OVERLAP");
    const id = randomUUID();
    const [lease] = await tx
      .insert(leases)
      .values({ id, partnerId: partner.id, plate: input.plate, lesseeIdNumber: input.lessee.idNumber, lesseeName: input.lessee.name, startsAt: input.start, endsAt: input.end, createdAt: now })
      .returning();
    const drivers = input.drivers.length
      ? await tx.insert(leaseDrivers).values(input.drivers.map((d) => ({ leaseId: id, idNumber: d.idNumber, name: d.name }))).returning()
      : [];
    const claimed = await tx
      .insert(leaseRequests)
      .values({ partnerId: partner.id, idempotencyKey: input.idempotencyKey, leaseId: id, fingerprint, createdAt: now })
      .onConflictDoNothing()
      .returning();
    // The same key used at once for another car: the other write won.
    if (claimed.length === 0) throw new AppFault("IDEMPOTENCY_KEY_REUSED");
    return { lease: lease!, drivers };
  });
}

/**
 * Cancels a lease that has not started. A started lease is history the authorize path relies on
 * (R-ELG-7), so it stays. Cancelling an already cancelled lease of the partner answers true.
 */
export async function cancelLease(deps: PlatformDeps, partner: PartnerRow, id: string, now: Date): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [lease] = await tx.select().from(leases).where(eq(leases.id, id));
    if (!lease) {
      const [written] = await tx.select().from(leaseRequests).where(and(eq(leaseRequests.partnerId, partner.id), eq(leaseRequests.leaseId, id)));
      if (written) return true;
      throw new AppFault("NOT_FOUND");
    }
    // Another partner's lease answers as an unknown ID (issue #10 §3).
    if (lease.partnerId !== partner.id) throw new AppFault("NOT_FOUND");
    await tx.select().from(vehicles).where(eq(vehicles.plate, lease.plate)).for("update");
    if (lease.startsAt.getTime() <= now.getTime()) {
      throw new AppFault("BAD_USER_INPUT", { params: { reason: "a lease that has started cannot be cancelled" } });
    }
    await tx.delete(leases).where(eq(leases.id, id));
    return true;
  });
}

/** The partner's fleet with each vehicle's leases, oldest first. */
export async function fleetOf(deps: PlatformDeps, partner: PartnerRow): Promise<{ vehicle: VehicleRow; leases: LeaseWithDrivers[] }[]> {
  const fleet = await deps.db
    .select()
    .from(vehicles)
    .where(fleetOwner(partner.creditCode))
    .orderBy(asc(vehicles.plate));
  const rows = fleet.length
    ? await deps.db
        .select()
        .from(leases)
        .where(and(eq(leases.partnerId, partner.id), inArray(leases.plate, fleet.map((v) => v.plate))))
        .orderBy(asc(leases.startsAt))
    : [];
  const all = await withDrivers(deps.db, rows);
  return fleet.map((vehicle) => ({ vehicle, leases: all.filter((l) => l.lease.plate === vehicle.plate) }));
}
