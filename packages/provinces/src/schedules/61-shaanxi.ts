import { NATIONAL_LAW_IN_FORCE, buildVersion } from "./defaults";
import { assumed } from "./figures";
import { type ScheduleVersion } from "./schedule.types";

/*
 * Shaanxi (61): nothing about 陕西's fines was found (docs/domain-facts.md §3 has no entry), but the
 * system's start command runs this province, so it gets its own all-assumed schedule. A few figures
 * differ from the package defaults on purpose, so cross-province tests and the simulator see R-OOP-1
 * (the occurrence province's standard decides) change an amount. Every figure is marked assumed.
 */
const WHY = "Shaanxi figure NOT FOUND in docs/domain-facts.md; value chosen inside 道路交通安全法 §90/§93 (¥20–200) [A], set apart from the default";

/** Shaanxi's schedule versions, oldest first. */
export const SCHEDULE_61: readonly ScheduleVersion[] = [
  buildVersion(
    "61",
    {
      effectiveFrom: NATIONAL_LAW_IN_FORCE,
      effectiveFromAssumed: true,
      source: "Shaanxi: no provincial instrument found; national law's in-force date stands in; every figure ASSUMED",
    },
    {
      "1625": assumed(150, WHY),
      "1039": assumed(200, WHY),
      "1120": assumed(50, WHY),
    },
  ),
];
