/**
 * What a payment costs (R-FEE-1, late-payment surcharge).
 *
 * R-FEE-1: handling on the platform costs no fee of any kind, so the amount payable is the fine plus,
 * only when the law imposes it, the late-payment surcharge, and nothing else.
 *
 * Surcharge (加处罚款), 行政处罚法 (2021) §67 and §72(1), 道路交通安全法 §109, 处理程序规定 §60(1)
 * (docs/domain-facts.md §4): the fine is due within 15 days of the decision; for every day after that, 3% of
 * the fine is added, and the surcharge never exceeds the fine (so at most twice the fine is payable).
 *
 * Day counting: CST calendar days. The decision day is not counted (as usual for legal periods), so
 * payment on the 15th calendar day after the decision owes nothing, on the 16th one day (3%), and the
 * cap is reached on the 34th late day (34 × 3% > 100%). Days in reconsideration or litigation do not
 * count (§73): the caller passes `suspendedDays` for those.
 *
 * Rounding: 3% of a whole-yuan fine is a whole number of fen; the surcharge is floored to whole yuan
 * so that the payer is never asked for more than the law allows and every amount stays an integer yuan.
 * The `…Fen` fields are the same amounts in fen, for payment systems that count in fen.
 */
import { cstDayNumber } from "./cst";
import { requireCount, requireDate } from "./input";

/** Days after the decision within which the fine is due without surcharge (行政处罚法 §67). */
export const PAYMENT_DUE_DAYS = 15;
/** Surcharge per late day, in percent of the fine (行政处罚法 §72(1)). */
export const SURCHARGE_PERCENT_PER_DAY = 3;

/** The amounts owed. */
export type AmountPayable = {
  fineYuan: number;
  /** Late days counted (0 within the 15 days). */
  lateDays: number;
  surchargeYuan: number;
  /** Always 0 (R-FEE-1): present so that payment records can show that no fee was charged. */
  feeYuan: 0;
  totalYuan: number;
  surchargeFen: number;
  totalFen: number;
};

/** Input of `amountPayable`. */
export type AmountPayableInput = {
  fineYuan: number;
  /** When the penalty decision was made (handling on the platform makes it). */
  decidedAt: Date;
  now: Date;
  /** Days not counted because of reconsideration or litigation (行政处罚法 §73); default 0. */
  suspendedDays?: number;
};

/** The amount payable now for a fine decided at `decidedAt` (R-FEE-1; 行政处罚法 §72). */
export function amountPayable(input: AmountPayableInput): AmountPayable {
  const { fineYuan, decidedAt, now } = input;
  const suspendedDays = input.suspendedDays ?? 0;
  requireCount("fineYuan", fineYuan);
  requireCount("suspendedDays", suspendedDays);
  requireDate("decidedAt", decidedAt);
  requireDate("now", now);
  const elapsedDays = cstDayNumber(now) - cstDayNumber(decidedAt) - suspendedDays;
  const lateDays = Math.max(0, elapsedDays - PAYMENT_DUE_DAYS);
  const fineFen = fineYuan * 100;
  const exactSurchargeFen = Math.min(fineFen, (fineFen * SURCHARGE_PERCENT_PER_DAY * lateDays) / 100);
  const surchargeYuan = Math.floor(exactSurchargeFen / 100);
  const totalYuan = fineYuan + surchargeYuan;
  return {
    fineYuan,
    lateDays,
    surchargeYuan,
    feeYuan: 0,
    totalYuan,
    surchargeFen: surchargeYuan * 100,
    totalFen: totalYuan * 100,
  };
}
