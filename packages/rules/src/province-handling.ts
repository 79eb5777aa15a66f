/**
 * What the occurrence province decides when a user handles one of its violations (docs/design.md §4 step 2):
 * - R-ELG-1d: the province's internet platform is open;
 * - R-ELG-1e: the simple procedure applies: a warning or a fine of at most 200 yuan, and at most 6 points;
 * - R-ELG-1f: the violation was camera-recorded;
 * - R-DUP-1: it is still unhandled (a handled or paid record is never handled again, by any channel);
 * - R-OPS-2: the user read and accepted the business notice;
 * - R-MNT-1: it is not the nightly reconciliation window.
 * Every reason that applies is listed.
 */
import { decide, deny } from "./denial";
import { requireCount, requireDate } from "./input";
import { type CaptureSource, type Decision, type Denial, type ViolationStatus } from "./types";
import { maintenanceWindowDenial, type DailyWindow } from "./window";

/** R-ELG-1e: the largest fine of the simple procedure (处理程序规定 §43; 道路交通安全法 §107). */
export const SIMPLE_PROCEDURE_MAX_FINE_YUAN = 200;
/** R-ELG-1e: the most points a violation handled on the platform may carry. */
export const PLATFORM_MAX_POINTS = 6;

/** The violation facts the occurrence province owns. */
export type ProvinceViolationFacts = {
  fineYuan: number;
  points: number;
  /** A warning-only penalty (no fine). The fine limit is checked on `fineYuan` either way. */
  warningOnly: boolean;
  source: CaptureSource;
  status: ViolationStatus;
  provinceCode: string;
};

/** Input of `decideProvinceHandling`. */
export type ProvinceHandlingInput = {
  violation: ProvinceViolationFacts;
  /** Whether the occurrence province's internet platform is open (R-ELG-1d). */
  platformOpen: boolean;
  /** Whether the user accepted the business notice (R-OPS-2). */
  noticeAccepted: boolean;
  now: Date;
  /** The province's nightly window; default Chongqing's 22:00–01:00 (R-MNT-1). */
  maintenanceWindow?: DailyWindow;
};

/** R-DUP-1: the denial for a record that is no longer unhandled, if any. */
export function statusDenial(status: ViolationStatus): Denial | undefined {
  if (status === "HANDLED_UNPAID") return deny("ALREADY_HANDLED");
  if (status === "PAID") return deny("ALREADY_PAID");
  return undefined;
}

/** The occurrence province's denials, without the business notice (shared with the eligibility view). */
export function provinceDenials(input: Omit<ProvinceHandlingInput, "noticeAccepted">): Denial[] {
  const { violation, now } = input;
  requireCount("violation.fineYuan", violation.fineYuan);
  requireCount("violation.points", violation.points);
  requireDate("now", now);
  const denials: (Denial | undefined)[] = [
    input.platformOpen ? undefined : deny("PLATFORM_CLOSED", { province: violation.provinceCode }),
    violation.fineYuan > SIMPLE_PROCEDURE_MAX_FINE_YUAN ? deny("FINE_OVER_200", { fineYuan: violation.fineYuan }) : undefined,
    violation.points > PLATFORM_MAX_POINTS ? deny("POINTS_OVER_6", { points: violation.points }) : undefined,
    violation.source === "CAMERA" ? undefined : deny("NOT_CAMERA_RECORDED"),
    statusDenial(violation.status),
    maintenanceWindowDenial(now, input.maintenanceWindow),
  ];
  return denials.filter((denial): denial is Denial => denial !== undefined);
}

/**
 * May the user handle this violation, as far as the occurrence province is concerned?
 * (R-ELG-1d, R-ELG-1e, R-ELG-1f, R-DUP-1, R-OPS-2, R-MNT-1.) Every applicable denial is listed.
 */
export function decideProvinceHandling(input: ProvinceHandlingInput): Decision {
  const denials = provinceDenials(input);
  if (!input.noticeAccepted) denials.push(deny("NOTICE_NOT_ACCEPTED"));
  return decide(denials);
}
