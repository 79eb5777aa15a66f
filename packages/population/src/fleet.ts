/**
 * Vehicles: persons' (mostly small non-operating cars), companies' (by kind) and rental fleets (use
 * nature G, owned by the partner's company). A demo-size population adds one vehicle per person
 * coverage row and gives every vehicle state (docs/domain-facts.md §5.4) to some person's vehicle, so every
 * plate type, use nature and state appears. The cast's two cars are plain small cars in state A.
 */
import { vehicleStates } from "@jg/provinces";
import { type VehicleStateCode } from "@jg/rules";
import { COMPANY_ROWS, GENERAL_EXTRA_WEIGHTS, PERSON_COVERAGE_ROWS, PERSON_ROW_WEIGHTS, type FleetRow } from "./fleet.data";
import { type Uniques } from "./people";
import { newPlate } from "./plates";
import { type AccountRecord, type CompanyRecord, type PartnerRecord, type VehicleRecord } from "./population.types";
import { type Random } from "./random";
import { DAY_MS, iso } from "./time";

export type FleetInput = {
  citizens: AccountRecord[];
  companies: CompanyRecord[];
  partners: PartnerRecord[];
  /** Citizens at the front whose vehicles the cast scripts (0: none). */
  castCitizens: number;
  coverage: boolean;
  nowMs: number;
};

export type FleetResult = { vehicles: VehicleRecord[]; castPlates: { citizen?: string; other?: string } };

const NON_NORMAL_STATES = vehicleStates.codes.filter((s) => s !== "A");

function randomStates(rng: Random): VehicleStateCode[] {
  return rng.chance(0.94) ? ["A"] : [rng.pick(NON_NORMAL_STATES)];
}

export function generateFleet(rng: Random, uniques: Uniques, input: FleetInput): FleetResult {
  const vehicles: VehicleRecord[] = [];
  const registeredAt = () => iso(input.nowMs - rng.int(30, 15 * 365) * DAY_MS - rng.int(0, 86_399) * 1000);
  const personVehicle = (owner: AccountRecord, [plateType, useNature]: FleetRow, states: VehicleStateCode[]): VehicleRecord => {
    const v: VehicleRecord = { plate: newPlate(rng, uniques, plateType), plateType, useNature, states, ownerKind: "PERSON", ownerAccountId: owner.id, ownerPhone: owner.phone, registeredAt: registeredAt() };
    vehicles.push(v);
    return v;
  };
  const companyVehicle = (company: CompanyRecord, [plateType, useNature]: FleetRow, partnerId?: string): void => {
    vehicles.push({
      plate: newPlate(rng, uniques, plateType), plateType, useNature, states: company.kind === "rental" ? ["A"] : randomStates(rng),
      ownerKind: "COMPANY", companyId: company.id, managerPhone: company.managerPhone, ...(partnerId ? { partnerId } : {}), registeredAt: registeredAt(),
    });
  };

  const castPlates: FleetResult["castPlates"] = {};
  const personStart = vehicles.length;
  input.citizens.forEach((citizen, i) => {
    if (i < input.castCitizens) {
      // The cast: citizen 0 and otherCitizen 1 own exactly one plain small car each; the others own none.
      if (i === 0) castPlates.citizen = personVehicle(citizen, ["02", "A"], ["A"]).plate;
      if (i === 1) castPlates.other = personVehicle(citizen, ["52", "A"], ["A"]).plate;
      return;
    }
    const owned = rng.weighted([[0, 18], [1, 64], [2, 15], [3, 3]] as const);
    for (let k = 0; k < owned; k++) personVehicle(citizen, rng.weighted(PERSON_ROW_WEIGHTS), randomStates(rng));
  });
  const pool = input.citizens.slice(input.castCitizens);
  if (input.coverage && pool.length > 0) {
    PERSON_COVERAGE_ROWS.forEach((row, i) => personVehicle(pool[i % pool.length]!, row, ["A"]));
    // Every vehicle state on some non-cast person's vehicle (one of them with two states at once).
    const poolIds = new Set(pool.map((c) => c.id));
    const candidates = rng.shuffle(vehicles.slice(personStart).filter((v) => poolIds.has(v.ownerAccountId ?? "")));
    NON_NORMAL_STATES.forEach((state, i) => {
      const v = candidates[i];
      if (v) v.states = state === "Q" ? ["G", "Q"] : [state];
    });
  }

  const seenKinds = new Set<string>();
  for (const company of input.companies) {
    if (company.kind === "rental") continue;
    const rows = COMPANY_ROWS[company.kind];
    const first = !seenKinds.has(company.kind);
    seenKinds.add(company.kind);
    if (first) for (const row of rows) companyVehicle(company, row);
    const extra = rng.int(first ? 0 : 1, 3);
    for (let k = 0; k < extra; k++) companyVehicle(company, company.kind === "general" ? rng.weighted(GENERAL_EXTRA_WEIGHTS) : rng.pick(rows));
  }
  const byId = new Map(input.companies.map((c) => [c.id, c]));
  for (const partner of input.partners) {
    const company = byId.get(partner.companyId)!;
    const size = rng.int(3, 8);
    for (let k = 0; k < size; k++) companyVehicle(company, rng.weighted([[COMPANY_ROWS.rental[0]!, 70], [COMPANY_ROWS.rental[1]!, 30]]), partner.id);
  }
  return { vehicles, castPlates };
}
