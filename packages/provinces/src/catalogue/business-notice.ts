/**
 * The 业务须知 (business notice) a user reads and accepts before handling a violation (R-OPS-2). The
 * text summarises the Chongqing manual (original §四–七; docs/rules.md) for any province: which violations
 * qualify (R-ELG-1e/f), the 2-hour payment deadline (R-PAY-1), the nightly reconciliation window
 * (R-MNT-1), no fees (R-FEE-1), no duplicate handling or payment (R-DUP-1, R-SYNC-2), disputes go to the
 * occurrence place (R-OBJ-1), and the occurrence province's fine standard (R-OOP-1).
 */

/** What varies between provinces in the notice. */
export interface BusinessNoticeParams {
  readonly nameZh: string;
  readonly nameEn: string;
  /**
   * The nightly window during which handling is closed, local time (CST), "HH:MM". Default 22:00–01:00,
   * Chongqing's window (R-MNT-1); not found for other provinces (docs/domain-facts.md §9.4), so assumed there.
   */
  readonly maintenance?: { readonly from: string; readonly to: string };
  /** Minutes allowed between handling and payment; default 120 (R-PAY-1, national per docs/domain-facts.md §9.4). */
  readonly paymentMinutes?: number;
}

/** Chongqing's reconciliation window (R-MNT-1), the default for every province. */
export const DEFAULT_MAINTENANCE = { from: "22:00", to: "01:00" } as const;

/** The notice in Chinese. */
export function businessNoticeZh(p: BusinessNoticeParams): string {
  const m = p.maintenance ?? DEFAULT_MAINTENANCE;
  const hours = (p.paymentMinutes ?? 120) / 60;
  return [
    `${p.nameZh}“交管12123”交通违法自助处理业务须知`,
    "1. 仅可处理交通技术监控设备记录、适用简易程序（警告或200元以下罚款）且记分6分及以下的交通违法。",
    `2. 处理后请于${hours}小时内在本平台缴纳罚款，逾期系统将自动退回至未处理状态。`,
    `3. 每日${m.from}至次日${m.to}为银行对账维护时段，暂停处理交通违法。`,
    "4. 通过本平台及其他官方自助渠道处理违法不收取任何手续费、代办费。",
    "5. 请勿通过本平台和其他渠道对同一条违法重复处理或重复缴款；处理后数据更新可能延迟（一般不超过24小时），请勿重复操作。",
    "6. 对违法事实有异议的，请向违法行为发生地公安机关交通管理部门提出，不要在本平台处理。",
    `7. 罚款金额以违法行为发生地（${p.nameZh}）的裁量标准为准。`,
  ].join("\n");
}

/** The notice in English. */
export function businessNoticeEn(p: BusinessNoticeParams): string {
  const m = p.maintenance ?? DEFAULT_MAINTENANCE;
  const hours = (p.paymentMinutes ?? 120) / 60;
  return [
    `${p.nameEn} Traffic Management 12123: notice before handling a violation`,
    "1. Only camera-recorded violations under the simple procedure (a warning or a fine of at most 200 yuan) with at most 6 points can be handled here.",
    `2. Pay the fine on this platform within ${hours} hour${hours === 1 ? "" : "s"} of handling; otherwise the record returns to unhandled by itself.`,
    `3. Every night from ${m.from} to ${m.to} the bank reconciles payments and violations cannot be handled.`,
    "4. Handling on this platform or any official self-service channel costs no fee of any kind.",
    "5. Do not handle or pay the same violation both here and through another channel; updates can take up to 24 hours to show, so do not repeat the operation.",
    "6. If you dispute the facts of a violation, raise it with the traffic police where it occurred, not on this platform.",
    `7. The fine follows the discretion standard of the province where the violation occurred (${p.nameEn}).`,
  ].join("\n");
}
