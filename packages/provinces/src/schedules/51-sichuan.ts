import { buildVersion } from "./defaults";
import { assumed, cited } from "./figures";
import { type ScheduleVersion } from "./schedule.types";

/*
 * Sichuan (51): 四川省《道路交通安全法》实施办法 (revised 2012-11-30) §66 fines a list of offences
 * ¥50–100, quoted at m.dcrkj.com/dongshi/rdsev/qwLaNRYJkV [C]. The range is found but not the amount
 * each offence gets, so each figure below is chosen inside ¥50–100 and marked assumed. Red-light and
 * parking amounts were NOT FOUND. The 10–20% speeding figure is from a post-2022 fleet export of a
 * Zigong company [B id 70841498134].
 */
const SC = "四川省《道路交通安全法》实施办法 (2012) §66, quoted at m.dcrkj.com/dongshi/rdsev/qwLaNRYJkV [C]";
const inRange = (article: string): string => `${SC}-${article} sets ¥50–100; amount within it NOT FOUND, chosen here`;

/** Sichuan's schedule versions, oldest first. */
export const SCHEDULE_51: readonly ScheduleVersion[] = [
  buildVersion(
    "51",
    { effectiveFrom: "2012-11-30", effectiveFromAssumed: true, source: `${SC}; revision date 2012-11-30 used as effective date` },
    {
      "1116": assumed(100, inRange("4")),
      "1117": assumed(100, inRange("4")),
      "9006": assumed(50, inRange("5")),
      "1362": assumed(100, inRange("11")),
      "1208": assumed(50, inRange("6/8")),
      "9010": cited(200, "post-2022 fleet export, Sichuan (Zigong) company: 超过规定时速10%–20% ¥200 [B id 70841498134]"),
    },
  ),
];
