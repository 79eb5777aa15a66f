/**
 * Loads the platform's part of a synthetic population (@jg/population) into the platform database:
 * accounts, licences with their points, persons' and companies' vehicles, rental partners, filings and
 * leases. Used by the start command and the simulator through `POST /internal/dev/seed`; violations
 * are not loaded here: cameras and officers record them at their provinces, and the home platform
 * learns of them through the handoff, exactly as in production.
 */
import type { Population } from "@jg/population";
import { cstIsoDate, scoringCycle } from "@jg/rules";
import { count } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { accounts, type FilingMethod } from "../db/schema";
import { seedAccount, seedFiling, seedLease, seedLicence, seedPartner, seedVehicle } from "../seed";

const FILING_METHOD: Record<Population["filings"][number]["method"], FilingMethod> = {
  QR: "QR",
  SMS_OWNER: "SMS",
  SMS_COMPANY: "COMPANY_SMS",
};

export interface SeedReport {
  seeded: boolean;
  accounts: number;
  licences: number;
  vehicles: number;
  partners: number;
  filings: number;
  leases: number;
}

function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`population is inconsistent: ${what}`);
  return value;
}

/**
 * Inserts the population. Refuses to seed a database that already has accounts (a persistent data
 * folder seeded by an earlier run), answering `seeded: false`, so a restart never duplicates people.
 */
export async function seedPopulation(db: PlatformDb, population: Population): Promise<SeedReport> {
  const [existing] = await db.select({ n: count() }).from(accounts);
  const empty = { seeded: false, accounts: 0, licences: 0, vehicles: 0, partners: 0, filings: 0, leases: 0 };
  if ((existing?.n ?? 0) > 0) return empty;

  const now = new Date(population.meta.now);
  const people = byId(population.accounts);
  const companies = byId(population.companies);
  for (const a of population.accounts) {
    await seedAccount(db, { id: a.id, name: a.name, idNumber: a.idNumber, phone: a.phone, userType: "PERSON", at: new Date(a.registeredAt) });
  }
  for (const l of population.licences) {
    const holder = need(people.get(l.accountId), `licence ${l.number} without account`);
    const cycle = scoringCycle(new Date(`${l.firstIssuedOn}T00:00:00+08:00`), now);
    await seedLicence(db, {
      number: l.number,
      holderIdNumber: holder.idNumber,
      holderName: holder.name,
      vehicleClass: l.class,
      firstIssuedOn: l.firstIssuedOn,
      states: l.states,
      points: l.points,
      // Inside the current scoring cycle, so the points count now (docs/domain-facts.md §1).
      pointsAt: new Date(Math.max(cycle.start.getTime(), now.getTime() - 86_400_000)),
      fullScoreCountInCycle: l.fullScoreCountInCycle,
      ...(l.fullScoreCountInCycle > 0 ? { fullScoreCycleStart: cstIsoDate(cycle.start) } : {}),
      at: cycle.start,
    });
  }
  for (const v of population.vehicles) {
    const company = v.companyId ? need(companies.get(v.companyId), `vehicle ${v.plate} of unknown company`) : undefined;
    const owner = v.ownerAccountId ? need(people.get(v.ownerAccountId), `vehicle ${v.plate} of unknown owner`) : undefined;
    await seedVehicle(db, {
      plate: v.plate,
      plateType: v.plateType,
      useNature: v.useNature,
      states: v.states,
      ownerKind: v.ownerKind,
      ownerIdNumber: need(company?.creditCode ?? owner?.idNumber, `vehicle ${v.plate} without owner`),
      ownerName: need(company?.name ?? owner?.name, `vehicle ${v.plate} without owner name`),
      ...(v.ownerPhone ? { ownerPhone: v.ownerPhone } : {}),
      ...(v.managerPhone ? { managerPhone: v.managerPhone } : {}),
      at: new Date(v.registeredAt),
    });
  }
  for (const p of population.partners) {
    const company = need(companies.get(p.companyId), `partner ${p.id} of unknown company`);
    await seedPartner(db, { id: p.id, companyName: company.name, creditCode: company.creditCode, apiKey: p.apiKey });
  }
  for (const f of population.filings) {
    await seedFiling(db, {
      id: f.id,
      accountId: f.accountId,
      plate: f.plate,
      method: FILING_METHOD[f.method],
      status: f.status,
      appliedAt: new Date(f.appliedAt),
      ...(f.effectiveAt ? { effectiveAt: new Date(f.effectiveAt) } : {}),
      ...(f.releasedAt ? { releasedAt: new Date(f.releasedAt) } : {}),
    });
  }
  for (const l of population.leases) {
    const lessee = need(people.get(l.lesseeAccountId), `lease ${l.id} without lessee`);
    await seedLease(db, {
      id: l.id,
      partnerId: l.partnerId,
      plate: l.plate,
      lesseeIdNumber: lessee.idNumber,
      lesseeName: lessee.name,
      startsAt: new Date(l.start),
      endsAt: new Date(l.end),
      drivers: l.temporaryDriverAccountIds.map((id) => {
        const d = need(people.get(id), `lease ${l.id} driver without account`);
        return { idNumber: d.idNumber, name: d.name };
      }),
    });
  }
  return {
    seeded: true,
    accounts: population.accounts.length,
    licences: population.licences.length,
    vehicles: population.vehicles.length,
    partners: population.partners.length,
    filings: population.filings.length,
    leases: population.leases.length,
  };
}
