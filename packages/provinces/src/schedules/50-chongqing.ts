import { NATIONAL_LAW_IN_FORCE, buildVersion } from "./defaults";
import { assumed, cited } from "./figures";
import { type ScheduleVersion } from "./schedule.types";

/*
 * Chongqing (50). Two versions, so that "the schedule in force when the violation occurred" matters
 * (docs/domain-facts.md §9.7): the standard before 2021, and 《重庆市公安机关道路交通安全管理行政处罚裁量基准》
 * in force 2021-04-20, which halved many amounts ("警告或¥100–200" → ¥100). The 2021 red-light,
 * speeding and driver seat-belt amounts were NOT FOUND.
 */
const CQ2021 = "重庆市公安机关道路交通安全管理行政处罚裁量基准 (in force 2021-04-20), quoted at img.ccschy.com/news/24333.html, csjbk.com/news/160439.html [C]";
const OLD_RANGE =
  "pre-2021 Chongqing range \"警告或¥100–200\" per xw588.com/news/178041.html [C] (docs/domain-facts.md §3); ¥200, the top, chosen since 2021 \"halved\" it to ¥100";

const PRE_2021 = buildVersion(
  "50",
  {
    effectiveFrom: NATIONAL_LAW_IN_FORCE,
    effectiveFromAssumed: true,
    source: "Chongqing standard before 2021-04-20 (instrument and start date NOT FOUND; national law's in-force date stands in); figures from real 2013–2015 records [B]",
  },
  {
    "10391": cited(20, "Chongqing 万州/云阳 2013–2014 record, 10391 ¥20/0 [B id 2264747383]"),
    "1120": cited(200, "Chongqing 涪陵 2015 record, 60112 driver seat belt ¥200/0 [B id 1452838507]"),
    "1039": assumed(200, OLD_RANGE),
    "10393": assumed(200, OLD_RANGE),
    "10394": assumed(200, OLD_RANGE),
    "1116": assumed(200, OLD_RANGE),
    "1117": assumed(200, OLD_RANGE),
    "9006": assumed(200, OLD_RANGE),
    "1019": assumed(200, OLD_RANGE),
    "1208": assumed(200, OLD_RANGE),
    "1211": assumed(200, OLD_RANGE),
    "9016": assumed(200, OLD_RANGE),
  },
);

const DISCRETION_2021 = buildVersion(
  "50",
  { effectiveFrom: "2021-04-20", effectiveFromAssumed: false, source: CQ2021 },
  {
    "1039": cited(100, `${CQ2021} §20-16`),
    "10391": cited(100, `${CQ2021} §20-16`),
    "10393": cited(100, `${CQ2021} §20-16`),
    "10394": cited(100, `${CQ2021} §20-16`),
    "1116": cited(100, `${CQ2021} §20-15`),
    "1117": cited(100, `${CQ2021} §20-15`),
    "9006": cited(100, `${CQ2021} §20-17`),
    "1019": cited(100, `${CQ2021} §20-13`),
    "1208": cited(100, `${CQ2021} §20-14`),
    "1211": cited(100, `${CQ2021} §20-7`),
    "9016": cited(100, `${CQ2021} §20-18`),
    "1625": assumed(200, "Chongqing 2021 red-light amount NOT FOUND (docs/domain-facts.md §10); ¥200 inside ¥20–200, as Beijing and Guangdong"),
    "1120": assumed(100, "Chongqing 2021 driver seat-belt amount NOT FOUND (passenger unbelted is ¥30, §18-12 [C]); ¥100 inside ¥20–200"),
  },
);

/** Chongqing's schedule versions, oldest first. */
export const SCHEDULE_50: readonly ScheduleVersion[] = [PRE_2021, DISCRETION_2021];
