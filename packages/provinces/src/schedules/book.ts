import { SCHEDULE_11 } from "./11-beijing";
import { SCHEDULE_33 } from "./33-zhejiang";
import { SCHEDULE_42 } from "./42-hubei";
import { SCHEDULE_43 } from "./43-hunan";
import { SCHEDULE_44 } from "./44-guangdong";
import { SCHEDULE_50 } from "./50-chongqing";
import { SCHEDULE_51 } from "./51-sichuan";
import { SCHEDULE_52 } from "./52-guizhou";
import { SCHEDULE_61 } from "./61-shaanxi";
import { type ScheduleBook } from "./schedule.types";

/**
 * The researched schedules by province, each oldest first. Provinces not listed get
 * `defaultSchedule(code)` (all figures assumed) from `schedulesOf`.
 */
export const FINE_SCHEDULES: ScheduleBook = Object.freeze({
  "11": SCHEDULE_11,
  "33": SCHEDULE_33,
  "42": SCHEDULE_42,
  "43": SCHEDULE_43,
  "44": SCHEDULE_44,
  "50": SCHEDULE_50,
  "51": SCHEDULE_51,
  "52": SCHEDULE_52,
  "61": SCHEDULE_61,
});
