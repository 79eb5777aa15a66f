import type { Scenario } from "../scenario";
import type { Simulation } from "../sim";
import { citizen, freshViolation, HANDLE, mine, MY_VIOLATIONS, pay, provinceStatus, toDaytime, type Answer, type MineItem } from "./citizen";

type Mine = { me: { vehicles: { vehicle: { plate: string; violations: (MineItem | null)[] } }[] } | null };

/** Polls `check` every 500 ms of real time until it holds or `ms` passed; whether it held, and after how long. */
async function within(ms: number, check: () => Promise<boolean>): Promise<{ ok: boolean; afterMs: number }> {
  const t0 = Date.now();
  for (;;) {
    if (await check()) return { ok: true, afterMs: Date.now() - t0 };
    if (Date.now() - t0 > ms) return { ok: false, afterMs: Date.now() - t0 };
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function listAll(sim: Simulation, me: ReturnType<typeof citizen>) {
  const res = await sim.as<Mine>(me, MY_VIOLATIONS);
  const all = (res.data?.me?.vehicles ?? []).flatMap((v) => v.vehicle.violations);
  return { res, items: all.filter((v): v is MineItem => v !== null), nulls: all.filter((v) => v === null).length };
}

/**
 * A province slower than the gateway's per-shard timeout: in the driver's list its items fail with
 * PROVINCE_UNAVAILABLE while the other provinces' items stand; a handling sent to it fails for the
 * citizen. The province was slow, not down: it still runs the handling the gateway gave up on, so the
 * reservation belongs to a real handling, a retry with the same idempotency key answers that handling
 * (no second reservation), and unpaid it reverts after 2 hours and the reservation is released.
 */
export const slowProvince: Scenario = {
  name: "slow-province",
  description: "One province answers slower than the gateway's timeout: its items in the driver's list fail with PROVINCE_UNAVAILABLE while the others answer; handling there fails for the citizen without leaking a reservation; lifted, everything answers again.",
  rules: ["R-OOP-1", "R-SYNC-1", "R-ELG-6", "R-PAY-1"],
  provincesNeeded: 2,
  async run(sim, expect) {
    await toDaytime(sim);
    const cast = sim.population.cast!;
    const me = citizen(cast.citizen);
    const [slow, other] = sim.options.provinces as [string, string];
    const target = await freshViolation(sim, slow, cast.citizenPlate);
    const elsewhere = await freshViolation(sim, other, cast.citizenPlate);
    await sim.settle();
    const before = await mine(sim, me);
    const slowCount = before.items.filter((v) => v.province.code === slow).length;
    expect.that("before, the list holds items of both provinces", slowCount > 0 && before.items.some((v) => v.id === elsewhere), before.items.map((v) => v.id));
    const points = before.items.find((v) => v.id === target)?.points ?? 0;

    const latencyMs = sim.shardTimeoutMs + 1500;
    const key = `sim-slow-${Date.now().toString(36)}`;
    await sim.slowProvince(slow, latencyMs);
    try {
      const during = await listAll(sim, me);
      const unavailable = (during.res.errors ?? []).filter((e) => e.extensions?.code === "PROVINCE_UNAVAILABLE");
      expect.that("while slow, the driver's list still answers", during.res.data?.me != null, during.res.errors);
      expect.that(
        `the slow province's items (${slowCount}) are null with PROVINCE_UNAVAILABLE`,
        during.nulls === slowCount && unavailable.length > 0 && !during.items.some((v) => v.province.code === slow),
        { nulls: during.nulls, errors: during.res.errors },
      );
      expect.that(
        "the other provinces' items stand",
        during.items.length === before.items.length - slowCount && during.items.some((v) => v.id === elsewhere),
        during.items.map((v) => v.id),
      );
      const res = await sim.as<{ handleViolation: Answer }>(me, HANDLE, { id: target, key });
      expect.that(
        "handling in the slow province fails for the citizen with PROVINCE_UNAVAILABLE",
        res.data?.handleViolation?.ok !== true && (res.errors ?? []).some((e) => e.extensions?.code === "PROVINCE_UNAVAILABLE"),
        res,
      );
    } finally {
      await sim.slowProvince(slow, 0);
    }

    // Lifted: the circuit breaker may have opened on the failures; it probes again after its cool-down.
    const back = await within(sim.breakerCoolDownMs + 5000, async () => {
      const now = await listAll(sim, me);
      return now.nulls === 0 && now.items.filter((v) => v.province.code === slow).length === slowCount;
    });
    expect.that(`after the slowness is lifted every item answers again (after ${back.afterMs} ms)`, back.ok, back);
    // The province was slow, not down: the handling the gateway gave up on ran after the delay.
    const late = await within(latencyMs + 5000, async () => (await provinceStatus(sim, me, target)) !== "UNHANDLED");
    await sim.settle();
    const held = await mine(sim, me);
    expect.equal(
      "the slow province ran the handling after the gateway gave up; home holds exactly its points in reserve",
      [late.ok, await provinceStatus(sim, me, target), held.reserved],
      [true, "HANDLED_UNPAID", (before.reserved ?? 0) + points],
    );
    const retry = (await sim.as<{ handleViolation: Answer }>(me, HANDLE, { id: target, key })).data?.handleViolation;
    await sim.settle();
    expect.equal(
      "a retry with the same idempotency key answers that handling, with no second reservation",
      [retry?.ok, retry?.violation?.status, (await mine(sim, me)).reserved],
      [true, "HANDLED_UNPAID", (before.reserved ?? 0) + points],
    );
    await sim.advance(2 * 3600_000 + 1000);
    await sim.tick();
    await sim.settle();
    const after = await mine(sim, me);
    expect.equal(
      "unpaid, it reverts after 2 hours and the reservation is released: nothing leaked",
      [await provinceStatus(sim, me, target), after.reserved, after.points],
      ["UNHANDLED", before.reserved, before.points],
    );
    await toDaytime(sim);
    const again = await sim.as<{ handleViolation: Answer }>(me, HANDLE, { id: target, key: `${key}-again` });
    expect.equal("the province, no longer slow, handles it", again.data?.handleViolation.violation?.status, "HANDLED_UNPAID");
    expect.equal("and it is paid", (await pay(sim, me, target))?.violation?.status, "PAID");
  },
};
