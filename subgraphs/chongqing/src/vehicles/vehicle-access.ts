/**
 * How people reach vehicles (docs/design.md §8): as owner (R-FIL-1, by ID number), through an ACTIVE filing
 * (R-FIL-2..6), or as lessee or temporary driver of a lease (R-ELG-7). One function answers for many
 * people at once in three statements, so it serves both a DataLoader batch and the internal API.
 */
import { and, eq, inArray, or } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { filings, leaseDrivers, leases, vehicles } from "../db/schema";

export type AccessRelation = "OWNER" | "FILED" | "LESSEE" | "TEMPORARY_DRIVER";

/** One relation of one person to one vehicle. `until` is null for an open-ended relation. */
export type VehicleAccessRow = {
  plate: string;
  relation: AccessRelation;
  since: Date;
  until: Date | null;
};

/** A person: their account and the ID number that links licences, owned vehicles and leases. */
export type Person = { accountId: string; idNumber: string };

/** The person behind an account. */
export function personOf(account: { id: string; idNumber: string }): Person {
  return { accountId: account.id, idNumber: account.idNumber };
}

/**
 * Every relation of each person, optionally only to `plates`. Owners and active filings are
 * open-ended; leases carry their period (past ones included: R-ELG-7 lets a lessee handle the
 * violations of the lease period after it ended).
 */
export async function accessOfPeople(
  db: PlatformDb,
  people: readonly Person[],
  plates?: readonly string[],
): Promise<Map<string, VehicleAccessRow[]>> {
  const byAccount = new Map<string, VehicleAccessRow[]>(people.map((p) => [p.accountId, []]));
  if (people.length === 0 || plates?.length === 0) return byAccount;
  const accountOfIdNumber = new Map(people.map((p) => [p.idNumber, p.accountId]));
  const idNumbers = people.map((p) => p.idNumber);
  const accountIds = people.map((p) => p.accountId);
  const plateList = plates ? [...plates] : undefined;

  const [owned, filed, leased] = await Promise.all([
    db
      .select({ plate: vehicles.plate, owner: vehicles.ownerIdNumber, since: vehicles.registeredAt })
      .from(vehicles)
      .where(and(eq(vehicles.ownerKind, "PERSON"), inArray(vehicles.ownerIdNumber, idNumbers), plateList && inArray(vehicles.plate, plateList))),
    db
      .select({ plate: filings.plate, accountId: filings.accountId, since: filings.effectiveAt })
      .from(filings)
      .where(and(eq(filings.status, "ACTIVE"), inArray(filings.accountId, accountIds), plateList && inArray(filings.plate, plateList))),
    db
      .select({
        leaseId: leases.id,
        plate: leases.plate,
        lessee: leases.lesseeIdNumber,
        driver: leaseDrivers.idNumber,
        since: leases.startsAt,
        until: leases.endsAt,
      })
      .from(leases)
      .leftJoin(leaseDrivers, and(eq(leaseDrivers.leaseId, leases.id), inArray(leaseDrivers.idNumber, idNumbers)))
      .where(
        and(
          or(inArray(leases.lesseeIdNumber, idNumbers), inArray(leaseDrivers.idNumber, idNumbers)),
          plateList && inArray(leases.plate, plateList),
        ),
      ),
  ]);

  const seen = new Set<string>();
  const push = (accountId: string | undefined, row: VehicleAccessRow, key = `${row.plate}:${row.relation}`) => {
    // A lease joined with several matching drivers comes back once per driver: count each relation once.
    if (accountId === undefined || seen.has(`${accountId}:${key}`)) return;
    seen.add(`${accountId}:${key}`);
    byAccount.get(accountId)?.push(row);
  };
  for (const v of owned) push(accountOfIdNumber.get(v.owner), { plate: v.plate, relation: "OWNER", since: v.since, until: null });
  for (const f of filed) {
    // An ACTIVE filing always has its effective time (check constraint filings_active_has_time).
    if (f.since) push(f.accountId, { plate: f.plate, relation: "FILED", since: f.since, until: null });
  }
  for (const l of leased) {
    const period = { plate: l.plate, since: l.since, until: l.until };
    push(accountOfIdNumber.get(l.lessee), { ...period, relation: "LESSEE" }, `lease:${l.leaseId}`);
    if (l.driver !== null && l.driver !== l.lessee) {
      push(accountOfIdNumber.get(l.driver), { ...period, relation: "TEMPORARY_DRIVER" }, `lease:${l.leaseId}`);
    }
  }
  for (const rows of byAccount.values()) rows.sort((a, b) => a.plate.localeCompare(b.plate) || a.since.getTime() - b.since.getTime());
  return byAccount;
}

/**
 * True when the relation gives access at the instant `at`: an owner or an active filing always, a
 * lessee or temporary driver during the lease [since, until).
 */
export function covers(row: VehicleAccessRow, at: Date): boolean {
  if (row.relation === "OWNER" || row.relation === "FILED") return true;
  return row.since.getTime() <= at.getTime() && (row.until === null || at.getTime() < row.until.getTime());
}
