import { plateTypes, useNatures, vehicleStates } from "@jg/provinces";
import { BLOCKING_LICENCE_STATES } from "@jg/rules";
import { describe, expect, it } from "vitest";
import { NOT_GENERATED_PLATE_TYPES } from "./fleet.data";
import { isFileable } from "./filings";
import { type Population } from "./population.types";
import { demo, PROVINCES, tiny } from "./test-fixtures";
import { isNightCst } from "./time";
import { liveFilingCounts } from "./validate-relations";

const SEEDS = [1, 42, 2026];

describe.each(SEEDS)("coverage at demo size (seed %i)", (seed) => {
  const p: Population = demo(seed);
  const nowMs = Date.parse(p.meta.now);

  it("has a licence in every R-ELG-4 blocking state, some with two states at once", () => {
    const states = new Set(p.licences.flatMap((l) => l.states));
    for (const s of BLOCKING_LICENCE_STATES) expect(states, s).toContain(s);
    expect(p.licences.filter((l) => l.states.length >= 2).length).toBeGreaterThanOrEqual(2);
  });

  it("has licences at 0, 3, 6, 9, 10 and 11 points, and one with three full scores in the cycle (R-ELG-5)", () => {
    const points = new Set(p.licences.map((l) => l.points));
    for (const level of [0, 3, 6, 9, 10, 11]) expect(points, String(level)).toContain(level);
    expect(p.licences.some((l) => l.fullScoreCountInCycle === 3 && !l.states.some((s) => BLOCKING_LICENCE_STATES.includes(s)))).toBe(true);
  });

  it("has every plate type (but the armed police's and the army's), use nature and vehicle state of the one code tables", () => {
    const types = new Set(p.vehicles.map((v) => v.plateType));
    const natures = new Set(p.vehicles.map((v) => v.useNature));
    expect([...types].sort()).toEqual(plateTypes.codes.filter((c) => !NOT_GENERATED_PLATE_TYPES.includes(c)).sort());
    expect([...natures].sort()).toEqual([...useNatures.codes].sort());
    expect(new Set(p.vehicles.flatMap((v) => v.states))).toEqual(new Set(vehicleStates.codes));
  });

  it("keeps most vehicles ordinary: small cars, non-operating, state A; both owner kinds", () => {
    const small = p.vehicles.filter((v) => v.ownerKind === "PERSON" && ["02", "52"].includes(v.plateType) && v.useNature === "A");
    expect(small.length).toBeGreaterThan(p.vehicles.filter((v) => v.ownerKind === "PERSON").length / 2);
    expect(p.vehicles.filter((v) => v.states.join() === "A").length).toBeGreaterThan(p.vehicles.length / 2);
    expect(new Set(p.vehicles.map((v) => v.ownerKind))).toEqual(new Set(["PERSON", "COMPANY"]));
    expect(p.vehicles.filter((v) => v.partnerId).every((v) => v.useNature === "G")).toBe(true);
  });

  it("puts accounts and vehicles exactly at the filing limits (R-FIL-2, R-FIL-3) and has every status and method", () => {
    const { byAccount, byPlate } = liveFilingCounts(p);
    expect([...byAccount.values()]).toContain(3);
    expect([...byPlate.values()]).toContain(3);
    expect(new Set(p.filings.map((f) => f.status))).toEqual(new Set(["ACTIVE", "RELEASED", "PENDING"]));
    const companyCars = p.vehicles.some((v) => v.ownerKind === "COMPANY" && isFileable(v));
    expect(new Set(p.filings.map((f) => f.method))).toEqual(new Set(["QR", "SMS_OWNER", ...(companyCars ? ["SMS_COMPANY"] : [])]));
    expect(p.filings.every((f) => isFileable(p.vehicles.find((v) => v.plate === f.plate)!))).toBe(true);
  });

  it("has current and past leases", () => {
    expect(p.leases.some((l) => Date.parse(l.start) <= nowMs && nowMs < Date.parse(l.end))).toBe(true);
    expect(p.leases.some((l) => Date.parse(l.end) <= nowMs)).toBe(true);
  });

  it("has violations in every given province, simple and not, camera and on site, by day and at night", () => {
    expect(new Set(p.violations.map((v) => v.provinceCode))).toEqual(new Set(PROVINCES));
    expect(new Set(p.violations.map((v) => v.expected.simpleProcedure))).toEqual(new Set([true, false]));
    expect(new Set(p.violations.map((v) => v.source))).toEqual(new Set(["CAMERA", "ON_SITE"]));
    expect(p.violations.filter((v) => v.source === "CAMERA").length).toBeGreaterThan(p.violations.length / 2);
    expect(p.violations.some((v) => isNightCst(Date.parse(v.occurredAt)))).toBe(true);
    const daysAgo = p.violations.map((v) => (nowMs - Date.parse(v.occurredAt)) / 86_400_000);
    expect(Math.max(...daysAgo)).toBeGreaterThan(40);
    expect(Math.min(...daysAgo)).toBeLessThan(10);
  });
});

describe("tiny populations", () => {
  it("are small and still cover both sources and several provinces over a few seeds", () => {
    const ps = [1, 2, 3, 4].map((s) => tiny(s));
    for (const p of ps) expect(p.licences).toHaveLength(6);
    const all = ps.flatMap((p) => p.violations);
    expect(new Set(all.map((v) => v.source)).size).toBe(2);
    expect(new Set(all.map((v) => v.provinceCode)).size).toBeGreaterThan(2);
  });
});
