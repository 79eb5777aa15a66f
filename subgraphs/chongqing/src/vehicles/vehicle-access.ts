/**
 * How people reach vehicles (docs/design.md §8): as owner (R-FIL-1, by ID number), through an ACTIVE filing
 * (R-FIL-2..6), or as lessee or temporary driver of a lease (R-ELG-7). One function answers for many
 * people at once in one statement, so it serves both a DataLoader batch and the internal API.
 */
import { inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { inPeriod } from "@jg/identity";
import { rowsOf } from "@jg/service-kit";
import type { PlatformDb } from "../db/database";
import { toDate } from "../db/rows";
import { filings, leaseDrivers, leases, vehicles } from "../db/schema";

type AccessRelation = "OWNER" | "FILED" | "LESSEE" | "TEMPORARY_DRIVER";

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
  if (people.length === 0 || plates?.length === 0) return accessRowsOf(people, []);
  return accessRowsOf(people, rowsOf<AccessQueryRow>(await db.execute(accessQuery(people, plates))));
}

/** A row of {@link accessQuery}; `since` and `until` are timestamps (Date or string by driver, or JSON strings). */
export type AccessQueryRow = { kind: "OWNER" | "FILED" | "LEASE"; plate: string; who: string; lease_id: string | null; since: unknown; until: unknown; driver: string | null };

/**
 * The relations statement of {@link accessOfPeople} (non-empty `people` and `plates`), also usable as a
 * subquery of a larger statement (authorize reads it with the rest, handoff/authorize.reads.ts).
 */
function accessQuery(people: readonly Person[], plates?: readonly string[]): SQL {
  const idNumbers = people.map((p) => p.idNumber);
  const accountIds = people.map((p) => p.accountId);
  const plateList = plates ? [...plates] : undefined;
  return accessUnion(
    { idNumberIn: (column) => inArray(column, idNumbers), accountIdIn: (column) => inArray(column, accountIds) },
    plateList && ((column) => inArray(column, plateList)),
  );
}

/**
 * The relations statement for the people the two conditions select (by ID number, by account ID):
 * literal lists ({@link accessQuery}), an outer query's account row (the viewer statement,
 * accounts/viewer.store.ts) or placeholders (handoff/authorize.reads.ts); `plateIn`, when given, keeps
 * only those plates.
 */
export function accessUnion(
  who: { idNumberIn: (column: AnyPgColumn) => SQL; accountIdIn: (column: AnyPgColumn) => SQL },
  plateIn?: (column: AnyPgColumn) => SQL,
): SQL {
  // One statement (issue #11: it was three, and the `me` path asks twice per request): owners, active
  // filings and leases (with the asked-for people among their drivers) as one UNION ALL. The leases come
  // in two branches, each on its index (issue 12: one branch with `lessee = X or driver = X` over a left
  // join scanned every lease): those of an asked-for lessee (leases_lessee_idx) with their asked-for
  // drivers, and those where only a driver is asked for (lease_drivers_person_idx, then the lease by its
  // key); the same rows as that one branch (lessee_id_number is never null).
  const onPlates = (column: AnyPgColumn) => (plateIn ? sql` and ${plateIn(column)}` : sql``);
  return sql`
    select 'OWNER' as kind, ${vehicles.plate} as plate, ${vehicles.ownerIdNumber} as who, null::text as lease_id,
           ${vehicles.registeredAt} as since, null::timestamptz as until, null::text as driver
      from ${vehicles}
     where ${vehicles.ownerKind} = 'PERSON' and ${who.idNumberIn(vehicles.ownerIdNumber)}${onPlates(vehicles.plate)}
    union all
    select 'FILED', ${filings.plate}, ${filings.accountId}, null, ${filings.effectiveAt}, null, null
      from ${filings}
     where ${filings.status} = 'ACTIVE' and ${who.accountIdIn(filings.accountId)}${onPlates(filings.plate)}
    union all
    select 'LEASE', ${leases.plate}, ${leases.lesseeIdNumber}, ${leases.id}::text, ${leases.startsAt}, ${leases.endsAt}, ${leaseDrivers.idNumber}
      from ${leases}
      left join ${leaseDrivers} on ${leaseDrivers.leaseId} = ${leases.id} and ${who.idNumberIn(leaseDrivers.idNumber)}
     where ${who.idNumberIn(leases.lesseeIdNumber)}${onPlates(leases.plate)}
    union all
    select 'LEASE', ${leases.plate}, ${leases.lesseeIdNumber}, ${leases.id}::text, ${leases.startsAt}, ${leases.endsAt}, ${leaseDrivers.idNumber}
      from ${leaseDrivers}
      join ${leases} on ${leases.id} = ${leaseDrivers.leaseId}
     where ${who.idNumberIn(leaseDrivers.idNumber)} and not ${who.idNumberIn(leases.lesseeIdNumber)}${onPlates(leases.plate)}`;
}

/** Each person's relations from the rows of {@link accessQuery} (every person gets an entry). */
export function accessRowsOf(people: readonly Person[], rows: readonly AccessQueryRow[]): Map<string, VehicleAccessRow[]> {
  const byAccount = new Map<string, VehicleAccessRow[]>(people.map((p) => [p.accountId, []]));
  const accountOfIdNumber = new Map(people.map((p) => [p.idNumber, p.accountId]));
  const seen = new Set<string>();
  const push = (accountId: string | undefined, row: VehicleAccessRow, key = `${row.plate}:${row.relation}`) => {
    // A lease joined with several matching drivers comes back once per driver: count each relation once.
    if (accountId === undefined || seen.has(`${accountId}:${key}`)) return;
    seen.add(`${accountId}:${key}`);
    byAccount.get(accountId)?.push(row);
  };
  for (const r of rows) {
    if (r.kind === "OWNER") push(accountOfIdNumber.get(r.who), { plate: r.plate, relation: "OWNER", since: toDate(r.since), until: null });
    // An ACTIVE filing always has its effective time (check constraint filings_active_has_time).
    else if (r.kind === "FILED") {
      if (r.since !== null) push(r.who, { plate: r.plate, relation: "FILED", since: toDate(r.since), until: null });
    } else {
      const period = { plate: r.plate, since: toDate(r.since), until: toDate(r.until) };
      push(accountOfIdNumber.get(r.who), { ...period, relation: "LESSEE" }, `lease:${r.lease_id}`);
      if (r.driver !== null && r.driver !== r.who) {
        push(accountOfIdNumber.get(r.driver), { ...period, relation: "TEMPORARY_DRIVER" }, `lease:${r.lease_id}`);
      }
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
  return inPeriod(row.since.getTime(), row.until === null ? null : row.until.getTime(), at.getTime());
}
