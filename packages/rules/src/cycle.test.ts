import { describe, expect, it } from "vitest";
import { scoringCycle } from "./cycle";
import { cst } from "./test-fixtures";

const cases: { name: string; issued: string; now: string; start: string; end: string }[] = [
  {
    name: "the first cycle starts on the first-issue day",
    issued: "2019-05-10T15:30:00", now: "2019-05-10T16:00:00", start: "2019-05-10T00:00:00", end: "2020-05-10T00:00:00",
  },
  {
    name: "a cycle's last instant still belongs to it",
    issued: "2019-05-10T15:30:00", now: "2024-05-09T23:59:59", start: "2023-05-10T00:00:00", end: "2024-05-10T00:00:00",
  },
  {
    name: "a new cycle starts at CST midnight of the anniversary",
    issued: "2019-05-10T15:30:00", now: "2024-05-10T00:00:00", start: "2024-05-10T00:00:00", end: "2025-05-10T00:00:00",
  },
  {
    name: "a 29 February anchor starts on 1 March in a common year",
    issued: "2020-02-29T09:00:00", now: "2023-02-28T23:59:59", start: "2022-03-01T00:00:00", end: "2023-03-01T00:00:00",
  },
  {
    name: "a 29 February anchor starts on 29 February again in a leap year",
    issued: "2020-02-29T09:00:00", now: "2024-03-01T00:00:00", start: "2024-02-29T00:00:00", end: "2025-03-01T00:00:00",
  },
  {
    name: "a cycle before a leap-year anniversary ends on 29 February",
    issued: "2020-02-29T09:00:00", now: "2024-02-28T12:00:00", start: "2023-03-01T00:00:00", end: "2024-02-29T00:00:00",
  },
  {
    name: "a 31 December anchor crosses the year end",
    issued: "2015-12-31T08:00:00", now: "2025-01-15T08:00:00", start: "2024-12-31T00:00:00", end: "2025-12-31T00:00:00",
  },
];

describe("scoringCycle", () => {
  it.each(cases)("scoring cycle (docs/domain-facts.md §1): $name", ({ issued, now, start, end }) => {
    expect(scoringCycle(cst(issued), cst(now))).toEqual({ start: cst(start), end: cst(end) });
  });

  it("scoring cycle (docs/domain-facts.md §1): the anchor is the CST date, even for an instant that is still the day before in UTC", () => {
    // 2019-05-10 07:00 CST is 2019-05-09 23:00 UTC; the licence was issued on 10 May in China.
    const cycle = scoringCycle(new Date("2019-05-09T23:00:00Z"), cst("2021-06-01T00:00:00"));
    expect(cycle.start).toEqual(cst("2021-05-10T00:00:00"));
  });

  it("scoring cycle (docs/domain-facts.md §1): a time before the first issue is bad input", () => {
    expect(() => scoringCycle(cst("2019-05-10T10:00:00"), cst("2019-05-09T23:59:59"))).toThrow(/first issued/);
  });
});
