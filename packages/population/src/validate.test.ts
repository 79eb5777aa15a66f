import { fineItem } from "@jg/provinces";
import { describe, expect, it } from "vitest";
import { generatePopulation } from "./generate";
import { presets } from "./options";
import { type Population } from "./population.types";
import { NOW, demo, tiny } from "./test-fixtures";
import { validatePopulation } from "./validate";

const SEEDS = Array.from({ length: 50 }, (_, i) => i * 7919 + 1);

describe("validatePopulation on generated populations", () => {
  it("finds nothing wrong in 50 tiny populations", () => {
    for (const seed of SEEDS) expect(validatePopulation(tiny(seed)), `seed ${seed}`).toEqual([]);
  });

  it("finds nothing wrong in 50 demo populations, including two with only Chongqing", () => {
    for (const seed of SEEDS) expect(validatePopulation(demo(seed)), `seed ${seed}`).toEqual([]);
    expect(validatePopulation(demo(1, ["50"]))).toEqual([]);
    expect(validatePopulation(tiny(1, ["50"]))).toEqual([]);
  });
});

/** A deep copy of a demo population with one thing broken. */
function broken(change: (p: Population) => void): string[] {
  const p = structuredClone(demo(17));
  change(p);
  return validatePopulation(p);
}

describe("validatePopulation catches every kind of broken promise", () => {
  it.each<[string, (p: Population) => void, RegExp]>([
    ["a bad ID check digit", (p) => { const a = p.accounts[5]!; a.idNumber = a.idNumber.slice(0, 17) + (a.idNumber[17] === "0" ? "1" : "0"); }, /not a valid Chongqing ID/],
    ["a duplicate phone", (p) => { p.accounts[6]!.phone = p.accounts[7]!.phone; }, /phone .* not unique/],
    ["12 points without state B", (p) => { const l = p.licences.find((x) => x.states.join() === "A")!; l.pointEntries = [9, 3]; l.points = 12; }, /12\+ exactly in state B/],
    ["a 2-point entry (the old tier)", (p) => { const l = p.licences[8]!; l.pointEntries = [2]; l.points = 2; }, /not a 163号令 tier/],
    ["an unparseable plate", (p) => { p.vehicles[3]!.plate = "渝I12345"; }, /vehicle 渝I12345/],
    ["a fourth live filing of an account (R-FIL-2)", (p) => {
      const live = p.filings.filter((f) => f.status !== "RELEASED");
      const atLimit = live.find((f) => live.filter((g) => g.accountId === f.accountId).length === 3)!.accountId;
      const full: [string, typeof live] = [atLimit, live.filter((f) => f.accountId === atLimit)];
      const spare = p.vehicles.find((v) => v.plateType === "02" && v.useNature === "A" && v.states.join() === "A" && !v.partnerId && v.ownerAccountId !== full[0] && !full[1].some((f) => f.plate === v.plate))!;
      p.filings.push({ ...full[1][0]!, id: "filing-extra", plate: spare.plate, method: spare.ownerKind === "COMPANY" ? "SMS_COMPANY" : "QR" });
    }, /R-FIL-2/],
    ["a filing of one's own car (R-FIL-1)", (p) => { const f = p.filings[0]!; f.accountId = p.vehicles.find((v) => v.plate === f.plate)!.ownerAccountId!; }, /own vehicle/],
    ["overlapping leases of one car", (p) => { const l = p.leases[0]!; p.leases.push({ ...l, id: "lease-extra" }); }, /overlap/],
    ["a lease of another partner's car", (p) => { p.leases[0]!.partnerId = "partner-9999"; }, /not in partner/],
    ["an expected fine that differs from the schedule", (p) => { p.violations[0]!.expected.fineYuan += 1; }, /differs from the schedule/],
    ["a code not in the schedule", (p) => { p.violations[0]!.code = "0000"; }, /not in the schedule/],
    ["a violation in the future", (p) => { p.violations[0]!.occurredAt = "2030-01-01T00:00:00.000Z"; }, /outside the last 60 days/],
    ["an officer recording a camera violation", (p) => { const v = p.violations.find((x) => x.source === "CAMERA")!; v.recorderId = p.officers.find((o) => o.provinceCode === v.provinceCode)!.id; }, /cannot record a CAMERA/],
    ["a duplicate source record key", (p) => { p.violations[1]!.sourceRecordKey = p.violations[0]!.sourceRecordKey; }, /source record key .* not unique/],
    ["the cast citizen with points", (p) => { const l = p.licences.find((x) => x.accountId === p.cast!.citizen)!; l.pointEntries = [3]; l.points = 3; }, /cast citizen: needs a clean licence/],
    ["the cast lease ended", (p) => { const l = p.leases.find((x) => x.plate === p.cast!.leasedPlate && x.lesseeAccountId === p.cast!.lessee)!; l.end = new Date(Date.parse(l.start) + 1000).toISOString(); }, /no current lease/],
  ])("%s", (_name, change, expected) => {
    const problems = broken(change);
    expect(problems.some((problem) => expected.test(problem)), problems.join("\n")).toBe(true);
  });
});

describe("validatePopulation at the edges of the options", () => {
  it("holds with no officers: every violation is then camera-recorded", () => {
    const p = generatePopulation({ ...presets.demo({ seed: 5, now: NOW, provinces: ["50", "51"] }), officersPerProvince: 0 });
    expect(validatePopulation(p)).toEqual([]);
    expect(p.violations.every((v) => v.source === "CAMERA")).toBe(true);
    expect(p.cast).toBeUndefined();
  });

  it("takes each penalty from the schedule in force when it occurred (Chongqing's 2021-04-20 change)", () => {
    const now = new Date("2021-05-10T02:00:00Z");
    const p = generatePopulation(presets.demo({ seed: 8, now, provinces: ["50"] }));
    expect(validatePopulation(p)).toEqual([]);
    const change = Date.parse("2021-04-19T16:00:00Z");
    const before = p.violations.filter((v) => Date.parse(v.occurredAt) < change);
    expect(before.length).toBeGreaterThan(0);
    expect(before.some((v) => v.expected.fineYuan !== fineItem("50", v.code, now)!.fineYuan)).toBe(true);
  });
});
