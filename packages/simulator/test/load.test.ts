/**
 * The load mode against a fake system (no services): a gateway that answers the journey's operations
 * from memory, holds the R-ELG-6 points ceiling like the platform, and advances a fake clock by a fixed
 * cost per operation, so a minute of load runs in milliseconds and the same way every time.
 */
import type { Identity } from "@jg/identity";
import type { Population } from "@jg/population";
import { FULL_SCORE_COUNT_LIMIT } from "@jg/rules";
import { describe, expect, it } from "vitest";
import { populationOf } from "../src/launch";
import { DRIVER_MAX_POINTS, runLoad, type LoadTarget } from "../src/load";
import { journeyDrivers } from "../src/scenarios/citizen";
import { withLoadPopulation } from "../src/runner";
import type { SimulationOptions } from "../src/sim-options";

/** Fake ms each operation costs the system, which serves one at a time: about 20 journeys a second. */
const OP_MS = 10;

type Item = {
  id: string;
  plate: string;
  points: number;
  fineYuan: number;
  status: "UNHANDLED" | "HANDLED_UNPAID" | "PAID";
  handler?: string;
  /** Fake time from which the home platform lists it (its handoff indexed), unless its province was ticked. */
  indexedAt: number;
};

/**
 * A fake system serving the load one operation at a time. A recorded violation is listed `handoffMs` of fake
 * time after its recording, or at once after a tick of its province (the relay delivered it). The platform
 * allows no violation of a driver it refuses: R-ELG-5 by the population's licences, and `refusesAlso`.
 */
function fakeSystem(population: Population, provinces: string[], handoffMs = 0, refusesAlso: (account: string) => boolean = () => false) {
  let clock = 0;
  const items = new Map<string, Item>();
  const ops = { ticks: 0, listings: 0, recorded: 0, listedTooEarly: 0 };
  const owner = new Map(population.vehicles.map((v) => [v.plate, v.ownerAccountId]));
  const licence = new Map(population.licences.map((l) => [l.accountId, { points: l.points, reserved: 0 }]));
  // The platform's R-ELG-5 (no handling online after reaching 12 points 3 times in the cycle), and any other refusal the test adds.
  const fullScores = new Map(population.licences.map((l) => [l.accountId, l.fullScoreCountInCycle]));
  const refuses = (account: string) => (fullScores.get(account) ?? 0) >= FULL_SCORE_COUNT_LIMIT || refusesAlso(account);
  const world = { refused: 0, maxPoints: 0, paidBy: new Set<string>(), lastPaidAt: 0 };
  const points = (account: string) => licence.get(account)!;
  const answer = (data: unknown) => {
    clock += OP_MS;
    latencies.push(OP_MS);
    return Promise.resolve({ data } as never);
  };
  const latencies: number[] = [];
  const target: LoadTarget = {
    population,
    options: { provinces },
    latencies,
    tick(only) {
      ops.ticks += 1;
      for (const v of items.values()) if (!only || only.includes(v.id.slice(0, 2))) v.indexedAt = Math.min(v.indexedAt, clock);
      clock += OP_MS;
      return Promise.resolve();
    },
    recordCamera(province, plate, template) {
      const id = `${province}-${items.size + 1}`;
      ops.recorded += 1;
      items.set(id, { id, plate, points: template.expected.points, fineYuan: template.expected.fineYuan, status: "UNHANDLED", indexedAt: clock + handoffMs });
      clock += OP_MS;
      return Promise.resolve(id);
    },
    as(who: Identity, query: string, variables: Record<string, unknown> = {}) {
      const account = who.kind === "CITIZEN" ? who.accountId : "";
      const p = points(account);
      if (query.includes("query AwaitingHandling")) {
        ops.listings += 1;
        const mine = [...items.values()].filter((v) => owner.get(v.plate) === account);
        if (mine.some((v) => v.indexedAt > clock)) ops.listedTooEarly += 1;
        const violations = mine
          .filter((v) => v.indexedAt <= clock && v.status === "UNHANDLED")
          .map((v) => ({ ...v, province: { code: v.id.slice(0, 2) }, eligibility: { allowed: !refuses(account) && v.status === "UNHANDLED" && p.points + p.reserved + v.points < 12 } }));
        return answer({ me: { licence: { points: p.points, reservedPoints: p.reserved }, vehicles: [{ vehicle: { plate: "", violations } }] } });
      }
      const v = items.get(variables.id as string)!;
      if (query.includes("handleViolation")) {
        // The platform's R-ELG-5 and R-ELG-6: a refused driver, or a handling that would bring the points to 12.
        if (refuses(account) || v.status !== "UNHANDLED" || p.points + p.reserved + v.points >= 12) {
          world.refused += 1;
          const denial = refuses(account) ? { code: "FULL_SCORE_3_TIMES", ruleId: "R-ELG-5" } : { code: "POINTS_WOULD_REACH_12", ruleId: "R-ELG-6" };
          return answer({ handleViolation: { ok: false, denials: [denial], violation: null } });
        }
        Object.assign(v, { status: "HANDLED_UNPAID", handler: account });
        p.reserved += v.points;
        return answer({ handleViolation: { ok: true, denials: [], violation: { id: v.id, status: v.status } } });
      }
      if (v.status !== "HANDLED_UNPAID" || v.handler !== account) return answer({ payFine: { ok: false, denials: [{ code: "ALREADY_PAID", ruleId: "R-DUP-1" }], violation: null } });
      v.status = "PAID";
      p.reserved -= v.points;
      p.points += v.points;
      world.maxPoints = Math.max(world.maxPoints, p.points);
      world.paidBy.add(account);
      world.lastPaidAt = clock;
      return answer({ payFine: { ok: true, denials: [], violation: { id: v.id, status: v.status } } });
    },
  };
  return { target, world, ops, now: () => clock, recordedFor: (account: string) => [...items.values()].filter((v) => owner.get(v.plate) === account).length };
}

describe("the load mode over a whole run", () => {
  const options: SimulationOptions = { provinces: ["51", "52", "44"] };
  const load = { citizens: 8, durationMs: 60_000, progress: false };

  it("R-ELG-6: keeps doing journeys to the deadline with the population it starts by default, each driver leaving below 12 points", async () => {
    const population = populationOf(withLoadPopulation(options, load));
    const { target, world, now } = fakeSystem(population, options.provinces);
    const figures = await runLoad(target, { ...load, now });

    // Journeys went on to the last seconds of the minute, taken by many more drivers than workers.
    expect(world.lastPaidAt).toBeGreaterThan(load.durationMs - 2_000);
    expect(figures.outOfDriversMs).toBeUndefined();
    expect(figures.journeys).toBeGreaterThan(600);
    expect(world.paidBy.size).toBeGreaterThan(10 * load.citizens);
    expect(figures.drivers.used).toBeLessThan(figures.drivers.pool);
    // Every driver left before the platform would refuse them.
    expect(world.refused).toBe(0);
    expect(world.maxPoints).toBeLessThan(12);
  });

  it("R-OPS-1: lists the violations awaiting handling; the next is recorded while these are handled, so a province is ticked only when a listing came too early", async () => {
    const population = populationOf(withLoadPopulation(options, load));
    // The handoff indexes a recording within one operation: the violation recorded ahead is listed next.
    const quick = fakeSystem(population, options.provinces, OP_MS);
    const fast = await runLoad(quick.target, { ...load, now: quick.now });
    expect(fast.journeys).toBeGreaterThan(600);
    expect(quick.world.refused).toBe(0);
    // Ticks only for a driver's first violation or when the budget left no room to record ahead, and every
    // violation recorded was handled but at most one per driver (recorded ahead when it left).
    expect(quick.ops.listedTooEarly).toBe(0);
    expect(quick.ops.ticks).toBeLessThanOrEqual(fast.drivers.used);
    expect(quick.ops.ticks).toBeLessThan(fast.journeys / 5);
    expect(quick.ops.recorded).toBeLessThanOrEqual(fast.journeys + fast.drivers.used);

    // The handoff is slower than handling and paying: a violation recorded ahead is listed too early, then
    // its province is ticked and the list asked again — it is never recorded a second time.
    const slow = fakeSystem(population, options.provinces, 60_000);
    const late = await runLoad(slow.target, { ...load, now: slow.now });
    expect(late.journeys).toBeGreaterThan(300);
    expect(slow.world.refused).toBe(0);
    expect(slow.ops.listedTooEarly).toBeGreaterThan(late.journeys / 2);
    expect(slow.ops.recorded).toBeLessThanOrEqual(late.journeys + late.drivers.used);
    expect(slow.ops.listings).toBeLessThanOrEqual(2 * late.journeys + late.drivers.used);
  });

  it("says when a population too small for the run ran out of drivers", async () => {
    const population = populationOf({ ...options, populationCitizens: 20 });
    const { target, world, now } = fakeSystem(population, options.provinces);
    const figures = await runLoad(target, { ...load, now });
    expect(figures.drivers.used).toBe(figures.drivers.pool);
    expect(figures.outOfDriversMs).toBeGreaterThan(0);
    expect(figures.outOfDriversMs).toBeLessThan(load.durationMs);
    expect(world.refused).toBe(0);
  });

  it("R-ELG-5: takes no driver who reached 12 points 3 times in the cycle (they may not handle online at all)", () => {
    const population = populationOf(withLoadPopulation(options, load));
    const pool = journeyDrivers(population, DRIVER_MAX_POINTS);
    const excluded = population.licences.filter((l) => l.states.join() === "A" && l.points <= DRIVER_MAX_POINTS && l.fullScoreCountInCycle >= FULL_SCORE_COUNT_LIMIT);
    // The population has such licences, with cars of their own, so the rule is exercised.
    expect(excluded.filter((l) => population.vehicles.some((v) => v.ownerAccountId === l.accountId)).length).toBeGreaterThan(0);
    expect(pool.length).toBeGreaterThan(100);
    expect(pool.filter((d) => d.fullScoreCountInCycle >= FULL_SCORE_COUNT_LIMIT)).toEqual([]);
    for (const l of excluded) expect(pool.some((d) => d.accountId === l.accountId)).toBe(false);
  });

  it("a driver the platform refuses (none of their violations allowed) leaves at once instead of recording to the deadline", async () => {
    const population = populationOf(withLoadPopulation(options, load));
    const pool = journeyDrivers(population, DRIVER_MAX_POINTS);
    // Every fourth driver of the pool is refused by the platform for a reason the pool's facts do not show.
    const refused = new Set(pool.filter((_, i) => i % 4 === 0).map((d) => d.accountId));
    const { target, world, now, recordedFor } = fakeSystem(population, options.provinces, OP_MS, (account) => refused.has(account));
    const figures = await runLoad(target, { ...load, now });
    const taken = pool.slice(0, figures.drivers.used);
    const refusedTaken = taken.filter((d) => refused.has(d.accountId));
    expect(refusedTaken.length).toBeGreaterThan(5);
    // Each refused driver left after their first violation was listed not allowed: at most one recorded each,
    // none paid (a worker's last driver may be taken as the deadline passes, before anything is recorded).
    expect(figures.drivers.denied).toBeLessThanOrEqual(refusedTaken.length);
    expect(figures.drivers.denied).toBeGreaterThanOrEqual(refusedTaken.length - load.citizens);
    expect(refusedTaken.filter((d) => recordedFor(d.accountId) === 1).length).toBe(figures.drivers.denied);
    for (const d of refusedTaken) {
      expect(recordedFor(d.accountId)).toBeLessThanOrEqual(1);
      expect(world.paidBy.has(d.accountId)).toBe(false);
    }
    // The others went on to the deadline.
    expect(world.lastPaidAt).toBeGreaterThan(load.durationMs - 2_000);
    expect(figures.journeys).toBeGreaterThan(500);
    expect(world.refused).toBe(0);
  });
});
