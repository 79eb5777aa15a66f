import { buildVersion } from "./defaults";
import { cited } from "./figures";
import { type ScheduleVersion } from "./schedule.types";

/*
 * Beijing (11): 北京市实施《道路交通安全法》办法 (2004, amended 2010-12-23) §§89–101 [A], the strongest
 * source of all provinces. The in-force date of the amendment was not recorded, so its adoption date
 * stands in. Beijing may also publish a lower-level discretion list (NOT FOUND).
 */
const BJ = "北京市实施《道路交通安全法》办法 (2010), via LawRefBook/Laws 地方性法规/北京 [A]";

/** Beijing's schedule versions, oldest first. */
export const SCHEDULE_11: readonly ScheduleVersion[] = [
  buildVersion(
    "11",
    { effectiveFrom: "2010-12-23", effectiveFromAssumed: true, source: `${BJ}; amendment date 2010-12-23 used as effective date` },
    {
      "1625": cited(200, `${BJ} §96-4`),
      "1039": cited(200, `${BJ} §99`),
      "10391": cited(200, `${BJ} §99`),
      "10393": cited(200, `${BJ} §99`),
      "10394": cited(200, `${BJ} §99`),
      "1116": cited(100, `${BJ} §91-3`),
      "1117": cited(100, `${BJ} §91-3`),
      "9006": cited(100, `${BJ} §91-10`),
      "1120": cited(50, `${BJ} §89-1`),
      "1362": cited(200, `${BJ} §97-1`),
      "1357": cited(200, `${BJ} §96-10`),
      "1373": cited(200, `${BJ} §96-1`),
      // §96-11 fines every speeding below 50% ¥200, whatever the road or the margin.
      "9009": cited(200, `${BJ} §96-11 (speeding <50%)`),
      "9010": cited(200, `${BJ} §96-11 (speeding <50%)`),
      "1303": cited(200, `${BJ} §96-11 (speeding <50%)`),
      "9012": cited(200, `${BJ} §96-11 (speeding <50%)`),
      "4305": cited(200, `${BJ} §96-11 (speeding <50%)`),
      "1019": cited(200, `${BJ} §96-2`),
      "1208": cited(100, `${BJ} §91-2/3 (article given with doubt in docs/domain-facts.md §3)`),
      "9016": cited(100, `${BJ} §91-14`),
    },
  ),
];
