/**
 * Seeding entry points for the simulator and the tests: plain functions over the database that insert
 * accounts, licences (any states, any points), vehicles (person or company, any plate type, use nature
 * and state), filings, partners and leases. They write rows directly: no rules, no SMS or face checks,
 * so a scenario can start from any state, including states the workflows would refuse to reach.
 * Every function returns what it inserted.
 */
import { randomUUID } from "node:crypto";
import { hashApiKey } from "@jg/identity";
import type { LicenceStateCode, PlateTypeCode, UseNatureCode, VehicleStateCode } from "@jg/rules";
import type { PlatformDb } from "./db/database";
import {
  accounts,
  filings,
  leaseDrivers,
  leases,
  licences,
  partners,
  pointsLedger,
  vehicles,
  type AccountRow,
  type FilingMethod,
  type FilingRow,
  type FilingStatus,
  type LeaseRow,
  type LicenceRow,
  type PartnerRow,
  type VehicleRow,
} from "./db/schema";

/** Default time of seeded rows: a fixed instant, so seeds are reproducible. Pass `at` to override. */
const SEED_TIME = new Date("2020-01-01T00:00:00+08:00");

export type SeedAccount = {
  id?: string;
  name: string;
  idNumber: string;
  phone: string;
  userType?: "PERSON" | "COMPANY";
  at?: Date;
};

/** Inserts an account (a registered user). */
export async function seedAccount(db: PlatformDb, input: SeedAccount): Promise<AccountRow> {
  const [row] = await db
    .insert(accounts)
    .values({
      id: input.id ?? randomUUID(),
      name: input.name,
      idNumber: input.idNumber,
      phone: input.phone,
      userType: input.userType ?? "PERSON",
      createdAt: input.at ?? SEED_TIME,
    })
    .returning();
  return row!;
}

export type SeedLicence = {
  holderIdNumber: string;
  holderName: string;
  /** Default: the holder's ID number (as in China). */
  number?: string;
  vehicleClass?: string;
  /** ISO date, e.g. "2015-06-01". */
  firstIssuedOn: string;
  /** Letter codes, docs/domain-facts.md §5.5; default ["A"]. */
  states?: LicenceStateCode[];
  /** Points already applied in the current cycle, written as one APPLIED ledger entry at `pointsAt`. */
  points?: number;
  /** When those points were applied; default `at`. Must fall in the cycle you want them in. */
  pointsAt?: Date;
  /** Times 12 points were reached in the cycle starting on `fullScoreCycleStart` (R-ELG-5). */
  fullScoreCountInCycle?: number;
  fullScoreCycleStart?: string;
  at?: Date;
};

/** Inserts a licence and, when `points` > 0, its applied points as a ledger entry. */
export async function seedLicence(db: PlatformDb, input: SeedLicence): Promise<LicenceRow> {
  const at = input.at ?? SEED_TIME;
  const [row] = await db
    .insert(licences)
    .values({
      number: input.number ?? input.holderIdNumber,
      holderIdNumber: input.holderIdNumber,
      holderName: input.holderName,
      vehicleClass: input.vehicleClass ?? "C1",
      firstIssuedOn: input.firstIssuedOn,
      states: input.states ?? ["A"],
      fullScoreCountInCycle: input.fullScoreCountInCycle ?? 0,
      fullScoreCycleStart: input.fullScoreCycleStart ?? null,
      updatedAt: at,
    })
    .returning();
  if (input.points) await seedPoints(db, { licenceNumber: row!.number, points: input.points, at: input.pointsAt ?? at });
  return row!;
}

/** Adds a direct ledger entry: APPLIED points (default) or a signed ADJUSTED correction. */
export async function seedPoints(
  db: PlatformDb,
  input: { licenceNumber: string; points: number; at: Date; kind?: "APPLIED" | "ADJUSTED"; note?: string },
): Promise<void> {
  await db.insert(pointsLedger).values({
    licenceNumber: input.licenceNumber,
    kind: input.kind ?? "APPLIED",
    points: input.points,
    at: input.at,
    recordedAt: input.at,
    note: input.note ?? "seed",
  });
}

export type SeedVehicle = {
  plate: string;
  /** docs/domain-facts.md §5.2; default "02" 小型汽车. */
  plateType?: PlateTypeCode;
  /** docs/domain-facts.md §5.3; default "A" 非营运. */
  useNature?: UseNatureCode;
  /** docs/domain-facts.md §5.4; default ["A"]. */
  states?: VehicleStateCode[];
  ownerKind?: "PERSON" | "COMPANY";
  /** The owner's ID number (a person) or unified social credit code (a company). */
  ownerIdNumber: string;
  ownerName: string;
  ownerPhone?: string;
  /** Required for a company vehicle (R-FIL-6). */
  managerPhone?: string;
  at?: Date;
};

/** Inserts a vehicle registered in Chongqing. */
export async function seedVehicle(db: PlatformDb, input: SeedVehicle): Promise<VehicleRow> {
  const [row] = await db
    .insert(vehicles)
    .values({
      plate: input.plate,
      plateType: input.plateType ?? "02",
      useNature: input.useNature ?? "A",
      states: input.states ?? ["A"],
      ownerKind: input.ownerKind ?? "PERSON",
      ownerIdNumber: input.ownerIdNumber,
      ownerName: input.ownerName,
      ownerPhone: input.ownerPhone ?? null,
      managerPhone: input.managerPhone ?? null,
      registeredAt: input.at ?? SEED_TIME,
    })
    .returning();
  return row!;
}

export type SeedFiling = {
  id?: string;
  accountId: string;
  plate: string;
  method?: FilingMethod;
  /** Default ACTIVE. */
  status?: FilingStatus;
  appliedAt?: Date;
  /** When an ACTIVE filing took effect (R-ELG-3); default `appliedAt`. */
  effectiveAt?: Date;
  releasedAt?: Date;
};

/** Inserts a filing in any state. */
export async function seedFiling(db: PlatformDb, input: SeedFiling): Promise<FilingRow> {
  const status = input.status ?? "ACTIVE";
  const appliedAt = input.appliedAt ?? SEED_TIME;
  const [row] = await db
    .insert(filings)
    .values({
      id: input.id ?? randomUUID(),
      accountId: input.accountId,
      plate: input.plate,
      method: input.method ?? "SMS",
      status,
      appliedAt,
      effectiveAt: status === "PENDING" || status === "REJECTED" ? null : (input.effectiveAt ?? appliedAt),
      releasedAt: input.releasedAt ?? null,
    })
    .returning();
  return row!;
}

/** Inserts a rental partner whose API key is `apiKey` (stored hashed). */
export async function seedPartner(
  db: PlatformDb,
  input: { id?: string; companyName: string; creditCode: string; apiKey: string; at?: Date },
): Promise<PartnerRow> {
  const [row] = await db
    .insert(partners)
    .values({
      id: input.id ?? randomUUID(),
      companyName: input.companyName,
      creditCode: input.creditCode,
      apiKeyHash: hashApiKey(input.apiKey),
      createdAt: input.at ?? SEED_TIME,
    })
    .returning();
  return row!;
}

export type SeedLease = {
  id?: string;
  partnerId: string;
  plate: string;
  lesseeIdNumber: string;
  lesseeName: string;
  startsAt: Date;
  endsAt: Date;
  drivers?: { idNumber: string; name: string }[];
  at?: Date;
};

/** Inserts a lease contract and its temporary drivers (no overlap or fleet checks: see the lease service). */
export async function seedLease(db: PlatformDb, input: SeedLease): Promise<LeaseRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(leases)
      .values({
        id: input.id ?? randomUUID(),
        partnerId: input.partnerId,
        plate: input.plate,
        lesseeIdNumber: input.lesseeIdNumber,
        lesseeName: input.lesseeName,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        createdAt: input.at ?? input.startsAt,
      })
      .returning();
    if (input.drivers?.length) {
      await tx.insert(leaseDrivers).values(input.drivers.map((d) => ({ leaseId: row!.id, idNumber: d.idNumber, name: d.name })));
    }
    return row!;
  });
}
