/**
 * The demo cast: named members of every demo-size population whose records are scripted, so docs and
 * tests can rely on them (see `DemoCast`). Their violations are placed at CST daytime (09:00–17:59) on
 * chosen days, so that none falls in the 22:00–01:00 window by accident.
 *
 * - citizen's own small car: an eligible camera violation in every given province; one with a fine
 *   over ¥200 (general procedure); one recorded on site by an officer; one with 7 or more points;
 * - the car the citizen files (filing effective 30 days ago): one violation with points 45 days ago
 *   (before the filing, R-ELG-3) and one 10 days ago (after);
 * - the leased car: an eligible camera violation 2 days ago, during the current lease (R-ELG-7).
 */
import { type FineItem, HOME_PROVINCE_CODE } from "@jg/provinces";
import { type CaptureSource } from "@jg/rules";
import { CAST_FILING_AGE_DAYS } from "./filings";
import { type PopulationOptions } from "./options";
import { type VehicleRecord, type ViolationRecord } from "./population.types";
import { type Random } from "./random";
import { daytimeDaysAgo } from "./time";
import { isEligibleItem, type ViolationFactory } from "./violations";

/** Citizens the cast takes at the front: citizen, otherCitizen, highPoints, lessee. */
export const CAST_CITIZENS = 4;

/** Whether the options are large enough for the cast: the coverage plan, a partner and an officer. */
export function castPossible(o: Pick<PopulationOptions, "citizens" | "partners" | "officersPerProvince">, coverageCitizens: number): boolean {
  return o.citizens >= coverageCitizens && o.partners >= 1 && o.officersPerProvince >= 1;
}

export type CastVehicles = { citizenCar: VehicleRecord; filedCar: VehicleRecord; leasedCar: VehicleRecord };

const withPoints = (item: FineItem) => isEligibleItem(item) && item.points > 0;
const paying = (item: FineItem) => isEligibleItem(item) && !item.warningOnly;

export function castViolations(rng: Random, factory: ViolationFactory, options: PopulationOptions, cars: CastVehicles): ViolationRecord[] {
  const nowMs = options.now.getTime();
  const one = (car: VehicleRecord, provinces: readonly string[], daysAgo: number, source: CaptureSource, accept: (i: FineItem) => boolean, what: string) => {
    const atMs = daytimeDaysAgo(rng, nowMs, daysAgo);
    for (const p of provinces) {
      const items = factory.items(p, atMs, accept);
      if (items.length > 0) return factory.make(car, p, atMs, source, rng.pick(items));
    }
    throw new Error(`no code in the schedules of ${provinces.join(", ")} fits the cast's ${what}`);
  };
  const out: ViolationRecord[] = [];
  options.provinces.forEach((p, i) => out.push(one(cars.citizenCar, [p], 5 + ((i * 3) % 50), "CAMERA", paying, "eligible camera violation")));
  out.push(one(cars.citizenCar, options.provinces, 12, "CAMERA", (i) => i.fineYuan > 200, "fine over ¥200"));
  out.push(one(cars.citizenCar, [HOME_PROVINCE_CODE], 8, "ON_SITE", paying, "on-site violation"));
  out.push(one(cars.citizenCar, [HOME_PROVINCE_CODE, ...options.provinces], 15, "CAMERA", (i) => i.points >= 7, "7+ points"));
  out.push(one(cars.filedCar, [HOME_PROVINCE_CODE], CAST_FILING_AGE_DAYS + 15, "CAMERA", withPoints, "violation before the filing"));
  out.push(one(cars.filedCar, [HOME_PROVINCE_CODE], 10, "CAMERA", withPoints, "violation after the filing"));
  out.push(one(cars.leasedCar, [HOME_PROVINCE_CODE], 2, "CAMERA", paying, "violation during the lease"));
  return out;
}
