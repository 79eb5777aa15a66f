import { NATIONAL_LAW_IN_FORCE, buildVersion } from "./defaults";
import { cited } from "./figures";
import { type ScheduleVersion } from "./schedule.types";

/*
 * Zhejiang (33): 浙江省实施《道路交通安全法》办法 §75–§77 as quoted at zhshbaiwen.com/article/7148.html
 * and cnsymm.com/news/falv/726_13.html [C]; the temporary-stop amount is Ningbo's (news.cnnb.com.cn,
 * 2010). Hangzhou 2017 record 1344 ¥100 [B id 241753143] agrees with §75-1. In-force date NOT FOUND.
 */
const ZJ = "浙江省实施《道路交通安全法》办法, quoted at zhshbaiwen.com/article/7148.html, cnsymm.com/news/falv/726_13.html [C]";

/** Zhejiang's schedule versions, oldest first. */
export const SCHEDULE_33: readonly ScheduleVersion[] = [
  buildVersion(
    "33",
    { effectiveFrom: NATIONAL_LAW_IN_FORCE, effectiveFromAssumed: true, source: `${ZJ}; in-force date NOT FOUND, national law's stands in` },
    {
      "1625": cited(150, `${ZJ} §76-1`),
      "1039": cited(150, `${ZJ} §76-3 (停放)`),
      "10391": cited(50, "Ningbo 2010 临时停车 ¥50, news.cnnb.com.cn/system/2010/06/03/006550279_01.shtml [C] (city figure)"),
      "1116": cited(100, `${ZJ} §75-1 (Hangzhou 2017 record 1344 ¥100 [B id 241753143])`),
      "1117": cited(100, `${ZJ} §75-1`),
      "1373": cited(200, `${ZJ} §77-2`),
      "1208": cited(100, `${ZJ} §75-3`),
    },
  ),
];
