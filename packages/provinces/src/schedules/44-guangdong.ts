import { NATIONAL_LAW_IN_FORCE, buildVersion } from "./defaults";
import { cited } from "./figures";
import { type ScheduleVersion } from "./schedule.types";

/*
 * Guangdong (44): 广东省道路交通安全条例 §59 "处警告或者二百元罚款" list, quoted at
 * uianet.net/dictionary/b8001036.html [C] (the article number depends on the revision — unverified),
 * plus real Foshan/Dongguan/Jiangmen records of 2011–2015 [B id 13968651720] for offences the list
 * does not cover. The regulation's in-force date was NOT FOUND.
 */
const GD = "广东省道路交通安全条例 §59, quoted at uianet.net/dictionary/b8001036.html [C]";
const GD_RECORDS = "Guangdong Foshan/Dongguan/Jiangmen records 2011–2015 [B id 13968651720]";

/** Guangdong's schedule versions, oldest first. */
export const SCHEDULE_44: readonly ScheduleVersion[] = [
  buildVersion(
    "44",
    {
      effectiveFrom: NATIONAL_LAW_IN_FORCE,
      effectiveFromAssumed: true,
      source: `${GD}; ${GD_RECORDS}; in-force date NOT FOUND, national law's stands in`,
    },
    {
      "1625": cited(200, `${GD}-7 (also Guangzhou 2014 record 1625 ¥200 [B id 28853554961])`),
      "1116": cited(200, `${GD}-13`),
      "1117": cited(200, `${GD}-13`),
      "9006": cited(200, `${GD}-12`),
      "1120": cited(200, `${GD}-11`),
      "1357": cited(200, `${GD}-5`),
      "1373": cited(200, `${GD}-4`),
      "1208": cited(200, `${GD}-1`),
      "1039": cited(200, `${GD_RECORDS}: 1039 ¥200/0 (article text NOT FOUND)`),
      "1303": cited(150, `${GD_RECORDS}: 1303 ¥150`),
      "1019": cited(150, `${GD_RECORDS}: 1019 ¥150/0`),
      "1018": cited(150, `${GD_RECORDS}: 1018 ¥150/0`),
      "4305": cited(200, `${GD_RECORDS}: 4305 ¥200`),
      "7012": cited(200, `${GD_RECORDS}: 7012 ¥200/0`),
    },
  ),
];
