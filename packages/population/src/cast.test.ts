import { decideEligibility, STANDARD_POLICY, codesOf, type Decision, type VehicleRelation } from "@jg/rules";
import { describe, expect, it } from "vitest";
import { generatePopulation } from "./generate";
import { presets } from "./options";
import { type Population, type ViolationRecord } from "./population.types";
import { NOW, PROVINCES, demo } from "./test-fixtures";

/** What @jg/rules decides for a cast member handling a generated violation at NOW (10:00 CST). */
function decideFor(p: Population, accountId: string, v: ViolationRecord, relation: VehicleRelation): Decision {
  const licence = p.licences.find((l) => l.accountId === accountId)!;
  const vehicle = p.vehicles.find((x) => x.plate === v.plate)!;
  return decideEligibility({
    violation: { ...v.expected, occurredAt: new Date(v.occurredAt), source: v.source, provinceCode: v.provinceCode, status: "UNHANDLED" },
    licence: { states: licence.states, points: licence.points, reservedPoints: 0, fullScoreCountInCycle: licence.fullScoreCountInCycle },
    vehicle: { plateType: vehicle.plateType, useNature: vehicle.useNature, states: vehicle.states, ownerKind: vehicle.ownerKind },
    relation,
    policy: STANDARD_POLICY,
    platformOpen: true,
    now: NOW,
  });
}

const denialCodes = (d: Decision): string[] => codesOf(d);

describe("the demo cast", () => {
  const p = demo(21);
  const cast = p.cast!;

  it("is present at demo size and absent without the coverage plan or a partner", () => {
    expect(cast).toBeDefined();
    expect(generatePopulation(presets.tiny({ seed: 21, now: NOW, provinces: PROVINCES })).cast).toBeUndefined();
    expect(generatePopulation({ ...presets.demo({ seed: 21, now: NOW, provinces: PROVINCES }), partners: 0 }).cast).toBeUndefined();
  });

  it("citizen: clean licence at 0 points, owning a small non-operating car", () => {
    expect(p.licences.find((l) => l.accountId === cast.citizen)).toMatchObject({ states: ["A"], points: 0, fullScoreCountInCycle: 0 });
    expect(p.vehicles.find((v) => v.plate === cast.citizenPlate)).toMatchObject({ ownerAccountId: cast.citizen, plateType: "02", useNature: "A", states: ["A"] });
  });

  it("citizen's car: camera violations in every given province, eligible ones allowed by R-ELG-1 (R-OOP-1 decides where)", () => {
    const own = p.violations.filter((v) => v.plate === cast.citizenPlate);
    const allowed = own.filter((v) => decideFor(p, cast.citizen, v, { kind: "OWNER" }).ok);
    expect(new Set(allowed.map((v) => v.provinceCode))).toEqual(new Set(p.meta.provinces));
    expect(new Set(own.filter((v) => v.source === "CAMERA").map((v) => v.provinceCode)).size).toBeGreaterThanOrEqual(3);
  });

  it("citizen's car: some not eligible — fine over ¥200 (R-ELG-1e), on site (R-ELG-1f), 7+ points (R-ELG-1e)", () => {
    const own = p.violations.filter((v) => v.plate === cast.citizenPlate);
    const codes = own.flatMap((v) => denialCodes(decideFor(p, cast.citizen, v, { kind: "OWNER" })));
    expect(codes).toEqual(expect.arrayContaining(["FINE_OVER_200", "NOT_CAMERA_RECORDED", "POINTS_OVER_6"]));
    expect(own.some((v) => v.expected.fineYuan > 200 && !v.expected.simpleProcedure)).toBe(true);
    expect(own.some((v) => v.expected.points >= 7)).toBe(true);
  });

  it("filed car: the violation before the filing is refused (R-ELG-3), the one after is allowed", () => {
    const filing = p.filings.find((f) => f.accountId === cast.citizen && f.plate === cast.filedPlate)!;
    expect(filing.status).toBe("ACTIVE");
    expect(p.vehicles.find((v) => v.plate === cast.filedPlate)!.ownerAccountId).toBe(cast.otherCitizen);
    const relation: VehicleRelation = { kind: "FILED", effectiveAt: new Date(filing.effectiveAt!) };
    const decisions = p.violations.filter((v) => v.plate === cast.filedPlate).map((v) => [v, decideFor(p, cast.citizen, v, relation)] as const);
    expect(decisions.filter(([v, d]) => Date.parse(v.occurredAt) < Date.parse(filing.effectiveAt!) && denialCodes(d).includes("BEFORE_FILING"))).toHaveLength(1);
    expect(decisions.filter(([v, d]) => Date.parse(v.occurredAt) >= Date.parse(filing.effectiveAt!) && d.ok)).toHaveLength(1);
  });

  it("lessee: a current lease of the partner's car and a camera violation during it that R-ELG-7 allows", () => {
    const lease = p.leases.find((l) => l.plate === cast.leasedPlate && l.lesseeAccountId === cast.lessee)!;
    expect(lease.partnerId).toBe(cast.partner);
    expect(Date.parse(lease.start) <= NOW.getTime() && NOW.getTime() < Date.parse(lease.end)).toBe(true);
    const relation: VehicleRelation = { kind: "LESSEE", leaseStart: new Date(lease.start), leaseEnd: new Date(lease.end) };
    const during = p.violations.filter((v) => v.plate === cast.leasedPlate && Date.parse(v.occurredAt) >= Date.parse(lease.start));
    expect(during.some((v) => decideFor(p, cast.lessee, v, relation).ok)).toBe(true);
    expect(lease.temporaryDriverAccountIds).toEqual([cast.otherCitizen]);
  });

  it("highPoints: a clean licence at 9 points, so a 3-point violation would reach 12 (R-ELG-6)", () => {
    expect(p.licences.find((l) => l.accountId === cast.highPoints)).toMatchObject({ states: ["A"], points: 9 });
    const three = p.violations.find((v) => v.expected.points === 3 && v.source === "CAMERA" && v.expected.simpleProcedure)!;
    expect(denialCodes(decideFor(p, cast.highPoints, three, { kind: "OWNER" }))).toContain("POINTS_WOULD_REACH_12");
  });

  it("officer: an officer of Chongqing; the cast holds for every seed tried", () => {
    expect(p.officers.find((o) => o.id === cast.officer)?.provinceCode).toBe("50");
    for (const seed of [1, 2, 3, 99, 12345]) expect(demo(seed).cast).toBeDefined();
  });
});
