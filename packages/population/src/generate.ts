/**
 * `generatePopulation`: the seeded, reproducible synthetic population of the 12123 world (issue #6).
 * Pure: no I/O, no clock (`now` is an option), no Math.random. Each part draws from its own forked
 * stream, so the same seed and options always give a deep-equal population.
 */
import { CAST_CITIZENS, castPossible, castViolations } from "./cast";
import { generateCompanies } from "./companies";
import { generateFilings } from "./filings";
import { generateFleet } from "./fleet";
import { generateLeases } from "./leases";
import { COVERAGE_CITIZENS } from "./licence-plan";
import { populationOptionsSchema, type PopulationOptionsInput } from "./options";
import { generateCitizens, newUniques } from "./people";
import { type DemoCast, type Population, type ViolationRecord } from "./population.types";
import { Random } from "./random";
import { ViolationFactory, coverProvinces, generateRecorders, groupRecorders } from "./violations";
import { HOME_PROVINCE_CODE } from "@jg/provinces";

/**
 * Generates a population. Options are validated (zod); a bad option throws a ZodError. Sizes: one
 * account and licence per citizen, one manager account per company and per partner, vehicles ≈ 1 per
 * citizen plus 1–6 per company and 3–8 per partner, violations per vehicle in `violationsPerVehicle`.
 * With at least 20 citizens every coverage promise holds; with a partner and an officer too, `cast`.
 */
export function generatePopulation(input: PopulationOptionsInput): Population {
  const options = populationOptionsSchema.parse(input);
  const nowMs = options.now.getTime();
  const root = new Random(options.seed);
  const streams = {
    people: root.fork("people"),
    companies: root.fork("companies"),
    fleet: root.fork("fleet"),
    filings: root.fork("filings"),
    leases: root.fork("leases"),
    violations: root.fork("violations"),
    cast: root.fork("cast"),
    coverage: root.fork("coverage"),
  };
  const uniques = newUniques();
  const coverage = options.citizens >= COVERAGE_CITIZENS;
  const withCast = castPossible(options, COVERAGE_CITIZENS);
  const castCitizens = withCast ? CAST_CITIZENS : 0;

  const { accounts: citizens, licences } = generateCitizens(streams.people, uniques, nowMs, options.citizens);
  const { managers, companies, partners } = generateCompanies(streams.companies, uniques, nowMs, options.companies, options.partners);
  const { vehicles, castPlates } = generateFleet(streams.fleet, uniques, { citizens, companies, partners, castCitizens, coverage, nowMs });
  const leasedCar = withCast ? vehicles.find((v) => v.partnerId === partners[0]!.id) : undefined;
  const [citizen, otherCitizen, highPoints, lessee] = citizens;

  const filings = generateFilings(streams.filings, {
    citizens,
    vehicles,
    nowMs,
    castCitizens,
    ...(withCast ? { castFiling: { accountId: citizen!.id, plate: castPlates.other! } } : {}),
  });
  const leases = generateLeases(streams.leases, {
    vehicles,
    renters: citizens.slice(castCitizens),
    nowMs,
    ...(withCast && leasedCar ? { cast: { lesseeId: lessee!.id, temporaryDriverId: otherCitizen!.id, plate: leasedCar.plate } } : {}),
  });

  const { officers, cameras } = generateRecorders(options.provinces, options.officersPerProvince, options.camerasPerProvince);
  const factory = new ViolationFactory(streams.violations, options.seed, groupRecorders(officers, cameras));
  const castSet = new Set([castPlates.citizen, castPlates.other, leasedCar?.plate].filter((p) => p !== undefined));
  const violations: ViolationRecord[] = [];
  for (const v of vehicles) {
    if (castSet.has(v.plate)) continue;
    const count = streams.violations.int(options.violationsPerVehicle.min, options.violationsPerVehicle.max);
    violations.push(...factory.randomFor(v, options.provinces, nowMs, count));
  }

  let cast: DemoCast | undefined;
  if (withCast && leasedCar) {
    const byPlate = (plate: string) => vehicles.find((v) => v.plate === plate)!;
    violations.push(...castViolations(streams.cast, factory, options, { citizenCar: byPlate(castPlates.citizen!), filedCar: byPlate(castPlates.other!), leasedCar }));
    cast = {
      citizen: citizen!.id,
      otherCitizen: otherCitizen!.id,
      highPoints: highPoints!.id,
      officer: officers.find((o) => o.provinceCode === HOME_PROVINCE_CODE)!.id,
      partner: partners[0]!.id,
      lessee: lessee!.id,
      citizenPlate: castPlates.citizen!,
      filedPlate: castPlates.other!,
      leasedPlate: leasedCar.plate,
    };
  }

  // Every occurrence province gets a violation a citizen can handle (unless no violations were asked for).
  if (options.violationsPerVehicle.max > 0) {
    violations.push(...coverProvinces(streams.coverage, factory, options, vehicles.filter((v) => !castSet.has(v.plate)), violations));
  }

  return {
    meta: { ...options, now: options.now.toISOString() },
    accounts: [...citizens, ...managers],
    licences,
    companies,
    partners,
    vehicles,
    filings,
    leases,
    violations,
    officers,
    cameras,
    ...(cast ? { cast } : {}),
  };
}
