/**
 * Every shipped scenario on real processes (small sizes): the scenarios that share a system run on ONE
 * system started here; the delivery-delay scenario gets its own (the delay is fixed at start). Each
 * must pass its expectations and every invariant over every database. Then the checker is shown to
 * catch a violation paid twice behind the services' back: in a snapshot of the real run, and, on
 * PostgreSQL (TEST_DATABASE_URL), with a row written straight into a shard's database.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInvariants } from "../src/invariants";
import { runLoad } from "../src/load";
import { runScenario, type ScenarioResult } from "../src/scenario";
import { scenarios } from "../src/scenarios";
import { DEFAULT_START, Simulation } from "../src/sim";

const START_TIMEOUT = 300_000;

/** Every system of this file logs here, so that a failure shows what the services said. */
const logDir = mkdtempSync(join(tmpdir(), "jg-sim-test-"));

/**
 * The last lines of each service log that are errors: pino lines of level error/fatal, and lines that
 * are not JSON at all (a crash's stack trace, Node's own warnings).
 */
function serviceLogErrors(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of readdirSync(logDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".log"))) {
    const lines = readFileSync(join(logDir, file), "utf8")
      .split("\n")
      .filter((line) => {
        if (!line.trim()) return false;
        try {
          return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
        } catch {
          return true;
        }
      });
    if (lines.length > 0) out[join(logDir, file)] = lines.slice(-15);
  }
  return out;
}

/** What a failing scenario shows: broken expectations, broken invariants, its error, and then what the services logged. */
function problems(r: ScenarioResult) {
  const found = {
    expectations: r.expectations.filter((e) => !e.ok),
    invariants: r.invariants.filter((i) => !i.ok),
    error: r.error,
  };
  const failed = found.expectations.length > 0 || found.invariants.length > 0 || found.error !== undefined;
  return failed ? { ...found, serviceLogErrors: serviceLogErrors() } : found;
}

describe("shipped scenarios on one system (Chongqing + 51 + 52)", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await Simulation.start({ provinces: ["51", "52"], logDir: join(logDir, "shared") });
  }, START_TIMEOUT);
  afterAll(async () => {
    await sim?.stop();
  }, 60_000);

  for (const scenario of scenarios.filter((s) => !s.deliveryDelayMs && !s.policyPeriods)) {
    it(`${scenario.name} [${scenario.rules.join(" ")}] passes its expectations and every invariant`, async () => {
      const r = await runScenario(sim, scenario);
      expect(problems(r)).toEqual({ expectations: [], invariants: [], error: undefined });
      expect(r.expectations.length).toBeGreaterThan(0);
      expect(r.invariants.map((i) => i.ok)).toEqual([true, true, true, true, true, true]);
      expect(r.ok).toBe(true);
    }, 180_000);
  }

  it("the checker catches a second payment of a violation added behind the service's back (R-DUP-1)", async () => {
    const audit = await sim.audit();
    expect(checkInvariants(audit, { settled: true }).every((i) => i.ok)).toBe(true);
    const [code, province] = Object.entries(audit.provinces).find(([, p]) => p.payments.length > 0)!;
    const paid = province.payments[0]!;
    province.payments.push({ ...paid, id: randomUUID(), handlingId: randomUUID(), channel: "KIOSK" });
    const broken = checkInvariants(audit, { settled: true }).filter((i) => !i.ok);
    expect(broken.map((i) => i.name)).toEqual(["no violation paid twice (R-DUP-1)", "every payment matches one handling and the province's fine"]);
    expect(broken[0]!.violations).toEqual([`province ${code}: violation ${paid.violationId} paid 2 times`]);
  });

  it("the load mode (R-OPS-1, R-OPS-2) sends journeys through the gateway and keeps every invariant", async () => {
    const figures = await runLoad(sim, { citizens: 3, durationMs: 3000, progress: false });
    expect(figures.operations).toBeGreaterThan(0);
    expect(figures.latencyMs.count).toBe(figures.operations);
    expect(await sim.settle()).toBe(0);
    expect((await sim.invariants(true)).filter((i) => !i.ok)).toEqual([]);
  }, 120_000);
});

describe("delivery delay between provinces and the home platform", () => {
  let sim: Simulation;
  const scenario = scenarios.find((s) => s.name === "delivery-delay")!;
  beforeAll(async () => {
    sim = await Simulation.start({ provinces: ["51"], deliveryDelayMs: scenario.deliveryDelayMs!, logDir: join(logDir, "delay") });
  }, START_TIMEOUT);
  afterAll(async () => {
    await sim?.stop();
  }, 60_000);

  it("R-SYNC-1 R-SYNC-2: meanwhile the driver sees the old points, a repeat payment is refused, then the home platform catches up", async () => {
    const r = await runScenario(sim, scenario);
    expect(problems(r)).toEqual({ expectations: [], invariants: [], error: undefined });
    expect(r.expectations.length).toBeGreaterThan(5);
  }, 180_000);
});

describe("a simulated epidemic period (Chongqing's policy table set at start)", () => {
  let sim: Simulation;
  const scenario = scenarios.find((s) => s.name === "filed-vehicle-epidemic")!;
  beforeAll(async () => {
    sim = await Simulation.start({ provinces: ["51"], policyPeriods: scenario.policyPeriods!(new Date(DEFAULT_START)), logDir: join(logDir, "epidemic") });
  }, START_TIMEOUT);
  afterAll(async () => {
    await sim?.stop();
  }, 60_000);

  it("R-ELG-3E R-ELG-3: a pre-filing violation is handled inside the period and the same kind refused after it", async () => {
    const r = await runScenario(sim, scenario);
    expect(problems(r)).toEqual({ expectations: [], invariants: [], error: undefined });
    expect(r.expectations.length).toBeGreaterThan(4);
  }, 180_000);
});

const pgUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!pgUrl)("invariants on PostgreSQL databases", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await Simulation.start({ provinces: ["51"], postgresAdminUrl: pgUrl!, logDir: join(logDir, "pg") });
  }, START_TIMEOUT);
  afterAll(async () => {
    await sim?.stop();
  }, 60_000);

  it("a payment inserted straight into a shard's database for a paid violation is caught (R-DUP-1)", async () => {
    const r = await runScenario(sim, scenarios.find((s) => s.name === "out-of-province")!);
    expect(problems(r)).toEqual({ expectations: [], invariants: [], error: undefined });
    const paid = (await sim.audit()).provinces["51"]!.payments[0]!;
    const url = new URL(pgUrl!);
    url.pathname = `/${sim.system.databases.find((d) => d.endsWith("_p51"))!}`;
    const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await db`insert into payments (id, handling_id, violation_id, channel, amount_yuan, paid_at, payer)
        values (${randomUUID()}, ${randomUUID()}, ${paid.violationId}, 'KIOSK', ${paid.amountYuan}, now(), 'BANK:behind-the-back')`;
    } finally {
      await db.end();
    }
    const broken = (await sim.invariants(true)).filter((i) => !i.ok);
    expect(broken.map((i) => i.name)).toContain("no violation paid twice (R-DUP-1)");
    expect(broken[0]!.violations).toEqual([`province 51: violation ${paid.violationId} paid 2 times`]);
  }, 180_000);
});
