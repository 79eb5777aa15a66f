import { NATIONAL_LAW_IN_FORCE, buildVersion } from "./defaults";
import { cited } from "./figures";
import { type ScheduleVersion } from "./schedule.types";

/*
 * Hunan (43): no provincial instrument found; the figures are real records (docs/domain-facts.md §2). Red
 * light: Changsha 2018 ¥150 is used (the capital); Liuyang 2019 shows ¥200 for 16250, so amounts vary
 * by city. 1303 (speeding 20–50%, ordinary road): the 粤S car's 1636 record on a Hunan expressway,
 * which docs/domain-facts.md §2 maps to this row.
 */
const HN_SOURCE = "Hunan real records [B] (docs/domain-facts.md §2); provincial standard and in-force date NOT FOUND, national law's date stands in";

/** Hunan's schedule versions, oldest first. */
export const SCHEDULE_43: readonly ScheduleVersion[] = [
  buildVersion(
    "43",
    { effectiveFrom: NATIONAL_LAW_IN_FORCE, effectiveFromAssumed: true, source: HN_SOURCE },
    {
      "1625": cited(150, "Hunan Changsha 2018 record, red light ¥150/6 [B id 31394815827] (Liuyang 2019: ¥200 [B id 48524719395])"),
      "1303": cited(150, "粤S car on Hunan 岳临高速, 1636 ¥150/6 [B id 13968651720]"),
    },
  ),
];
