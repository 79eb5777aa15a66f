/**
 * Lease contracts of rental fleets (R-ELG-7): each partner car gets a timeline of non-overlapping
 * leases over the last ~60 days, short-term (1–7 days) or time-share (2–10 hours), some still running
 * at `now`. Leases start before `now` (a contract is written when the car is handed over). The cast's
 * lessee holds a current lease of the first partner's first car, with otherCitizen as temporary driver.
 */
import { type AccountRecord, type LeaseRecord, type VehicleRecord } from "./population.types";
import { type Random } from "./random";
import { DAY_MS, HOUR_MS, MINUTE_MS, iso } from "./time";

/** The cast lease: started this long before `now`, ends this long after. */
export const CAST_LEASE = { startedDaysAgo: 3, endsInDays: 4 } as const;

export type LeasesInput = {
  vehicles: VehicleRecord[];
  /** Who may rent: citizens outside the cast. */
  renters: AccountRecord[];
  nowMs: number;
  cast?: { lesseeId: string; temporaryDriverId: string; plate: string };
};

export function generateLeases(rng: Random, input: LeasesInput): LeaseRecord[] {
  const { nowMs, renters } = input;
  const leases: LeaseRecord[] = [];
  const push = (v: VehicleRecord, lesseeAccountId: string, temporaryDriverAccountIds: string[], start: number, end: number) => {
    leases.push({ id: `lease-${String(leases.length + 1).padStart(6, "0")}`, partnerId: v.partnerId!, plate: v.plate, lesseeAccountId, temporaryDriverAccountIds, start: iso(start), end: iso(end) });
  };
  const randomParties = (): [string, string[]] => {
    const lessee = rng.pick(renters);
    const wanted = Math.min(rng.weighted([[0, 70], [1, 25], [2, 5]] as const), renters.length - 1);
    const drivers = new Set<string>();
    while (drivers.size < wanted) {
      const d = rng.pick(renters).id;
      if (d !== lessee.id) drivers.add(d);
    }
    return [lessee.id, [...drivers]];
  };
  for (const v of input.vehicles) {
    if (v.partnerId === undefined) continue;
    const isCast = input.cast?.plate === v.plate;
    // Past leases stop before the cast lease starts, so the timeline never overlaps.
    const stopAt = isCast ? nowMs - CAST_LEASE.startedDaysAgo * DAY_MS - HOUR_MS : nowMs;
    let cursor = nowMs - 60 * DAY_MS - rng.int(0, 5) * DAY_MS;
    if (renters.length > 0) {
      for (;;) {
        const start = cursor + rng.int(12, 144) * HOUR_MS + rng.int(0, 59) * MINUTE_MS;
        const length = rng.chance(0.6) ? rng.int(1, 7) * DAY_MS : rng.int(2, 10) * HOUR_MS;
        const end = start + length;
        if (start >= stopAt || (isCast && end > stopAt)) break;
        const [lessee, drivers] = randomParties();
        push(v, lessee, drivers, start, end);
        cursor = end;
      }
    }
    if (isCast && input.cast) {
      push(v, input.cast.lesseeId, [input.cast.temporaryDriverId], nowMs - CAST_LEASE.startedDaysAgo * DAY_MS, nowMs + CAST_LEASE.endsInDays * DAY_MS);
    }
  }
  return leases;
}
