/**
 * Filings of other owners' vehicles (R-FIL-1..6). Only small non-operating cars (02/52, use nature A,
 * no R-ELG-1c blocking state, not a rental fleet car) are filed (docs/domain-facts.md §9.1); a person's car by
 * QR or SMS to the owner (R-FIL-4/5), a company's by SMS to the manager (R-FIL-6). PENDING and ACTIVE
 * filings are "live" and count towards the limits, as `@jg/rules` counts them: at most 3 per account
 * (R-FIL-2) and 3 per vehicle (R-FIL-3), one live filing per account and vehicle. Some accounts and
 * vehicles are put exactly at the limits; released filings give history.
 */
import { BLOCKING_VEHICLE_STATES, FILING_LIMIT_PER_USER, FILING_LIMIT_PER_VEHICLE, SMALL_CAR_PLATE_TYPES, type FilingMethod } from "@jg/rules";
import { type AccountRecord, type FilingRecord, type FilingStatus, type VehicleRecord } from "./population.types";
import { type Random } from "./random";
import { DAY_MS, HOUR_MS, iso } from "./time";

/** How long before `now` the cast citizen's filing took effect. */
export const CAST_FILING_AGE_DAYS = 30;

/** True when the platform files this vehicle for others at all. */
export function isFileable(v: VehicleRecord): boolean {
  return (
    SMALL_CAR_PLATE_TYPES.includes(v.plateType) &&
    v.useNature === "A" &&
    v.partnerId === undefined &&
    !v.states.some((s) => BLOCKING_VEHICLE_STATES.includes(s))
  );
}

export type FilingsInput = {
  citizens: AccountRecord[];
  vehicles: VehicleRecord[];
  nowMs: number;
  /** Citizens at the front reserved for the cast (no random filings). */
  castCitizens: number;
  /** The cast's filing: the citizen files otherCitizen's car. */
  castFiling?: { accountId: string; plate: string };
};

export function generateFilings(rng: Random, input: FilingsInput): FilingRecord[] {
  const { nowMs } = input;
  const filings: FilingRecord[] = [];
  const liveByAccount = new Map<string, number>();
  const liveByPlate = new Map<string, number>();
  const livePairs = new Set<string>();
  const castPlates = new Set(input.castFiling ? [input.castFiling.plate] : []);
  const fileable = input.vehicles.filter((v) => isFileable(v) && !castPlates.has(v.plate));
  const filers = input.citizens.slice(input.castCitizens);

  const canFile = (account: AccountRecord, v: VehicleRecord) =>
    v.ownerAccountId !== account.id &&
    (liveByAccount.get(account.id) ?? 0) < FILING_LIMIT_PER_USER &&
    (liveByPlate.get(v.plate) ?? 0) < FILING_LIMIT_PER_VEHICLE &&
    !livePairs.has(`${account.id}|${v.plate}`);

  const add = (account: AccountRecord, v: VehicleRecord, status: FilingStatus, effectiveMs?: number): void => {
    const method: FilingMethod = v.ownerKind === "COMPANY" ? "SMS_COMPANY" : rng.chance(0.5) ? "QR" : "SMS_OWNER";
    const base = { id: `filing-${String(filings.length + 1).padStart(6, "0")}`, accountId: account.id, plate: v.plate, method, status };
    if (status === "PENDING") {
      filings.push({ ...base, appliedAt: iso(nowMs - rng.int(1, 72) * HOUR_MS) });
    } else if (status === "ACTIVE") {
      const effective = effectiveMs ?? nowMs - rng.int(1, 365) * DAY_MS - rng.int(0, 23) * HOUR_MS;
      filings.push({ ...base, appliedAt: iso(effective - rng.int(2, 72) * HOUR_MS), effectiveAt: iso(effective) });
    } else {
      const effective = nowMs - rng.int(60, 400) * DAY_MS;
      const released = Math.min(effective + rng.int(5, 50) * DAY_MS, nowMs - DAY_MS);
      filings.push({ ...base, appliedAt: iso(effective - rng.int(2, 72) * HOUR_MS), effectiveAt: iso(effective), releasedAt: iso(released) });
      return;
    }
    liveByAccount.set(account.id, (liveByAccount.get(account.id) ?? 0) + 1);
    liveByPlate.set(v.plate, (liveByPlate.get(v.plate) ?? 0) + 1);
    livePairs.add(`${account.id}|${v.plate}`);
  };

  if (input.castFiling) {
    const account = input.citizens.find((c) => c.id === input.castFiling!.accountId)!;
    const v = input.vehicles.find((x) => x.plate === input.castFiling!.plate)!;
    add(account, v, "ACTIVE", nowMs - CAST_FILING_AGE_DAYS * DAY_MS);
  }

  // Exactly at the limits: about one account and one vehicle per hundred citizens (at least one each).
  // Partners are found by bounded random sampling, not by scanning: the population may be large.
  const atLimit = Math.max(1, Math.floor(input.citizens.length / 100));
  for (const account of sample(rng, filers, atLimit)) {
    const choices = distinctMatches(rng, fileable, FILING_LIMIT_PER_USER, (v) => canFile(account, v));
    if (choices.length < FILING_LIMIT_PER_USER) continue;
    for (const v of choices) add(account, v, "ACTIVE");
    const [history] = distinctMatches(rng, fileable, 1, (v) => v.ownerAccountId !== account.id);
    if (history) add(account, history, "RELEASED");
  }
  const emptyVehicles = distinctMatches(rng, fileable, atLimit, (v) => (liveByPlate.get(v.plate) ?? 0) === 0);
  for (const v of emptyVehicles) {
    const drivers = distinctMatches(rng, filers, FILING_LIMIT_PER_VEHICLE, (a) => canFile(a, v));
    if (drivers.length < FILING_LIMIT_PER_VEHICLE) continue;
    for (const a of drivers) add(a, v, "ACTIVE");
  }

  // The rest: about a quarter of citizens file one car; some pending review, some released.
  if (fileable.length > 0) {
    for (const account of filers) {
      if (!rng.chance(0.25)) continue;
      const status = rng.weighted([["ACTIVE", 70], ["PENDING", 12], ["RELEASED", 18]] as const);
      for (let attempt = 0; attempt < 5; attempt++) {
        const v = rng.pick(fileable);
        if (v.ownerAccountId === account.id) continue;
        if (status === "RELEASED" || canFile(account, v)) {
          add(account, v, status);
          break;
        }
      }
    }
  }
  // Make sure every status and the company method appear where the population allows them.
  const ensure = (missing: boolean, status: FilingStatus, vehicles: readonly VehicleRecord[]) => {
    if (!missing || vehicles.length === 0) return;
    for (const account of filers) {
      const [v] = distinctMatches(rng, vehicles, 1, (x) => canFile(account, x));
      if (v) return add(account, v, status);
    }
  };
  ensure(!filings.some((f) => f.status === "PENDING"), "PENDING", fileable);
  ensure(!filings.some((f) => f.method === "SMS_COMPANY"), "ACTIVE", fileable.filter((v) => v.ownerKind === "COMPANY"));
  return filings;
}

/** `n` distinct random elements of `items` (fewer if it is shorter). */
function sample<T>(rng: Random, items: readonly T[], n: number): T[] {
  return distinctMatches(rng, items, n, () => true);
}

/**
 * Up to `n` distinct elements satisfying `accept`: random draws first (cheap when matches are common),
 * then a scan from a random offset, so a rare match is still found and the result is never short
 * without reason.
 */
function distinctMatches<T>(rng: Random, items: readonly T[], n: number, accept: (item: T) => boolean): T[] {
  const found = new Set<T>();
  if (items.length === 0) return [];
  for (let attempt = 0; attempt < n * 8 && found.size < n; attempt++) {
    const item = rng.pick(items);
    if (!found.has(item) && accept(item)) found.add(item);
  }
  const offset = rng.int(0, items.length - 1);
  for (let i = 0; i < items.length && found.size < n; i++) {
    const item = items[(offset + i) % items.length]!;
    if (!found.has(item) && accept(item)) found.add(item);
  }
  return [...found];
}
