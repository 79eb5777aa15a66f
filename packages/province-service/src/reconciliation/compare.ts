/**
 * The comparison of a reconciliation, pure: the platform's payments against the bank's list, matched by
 * payment ID. Each payment lands in exactly one category; the platform's order first, then the payments
 * only the bank has, in the bank's order.
 */

/** A payment as the province recorded it. */
export type PlatformPayment = { paymentId: string; violationId: string; amountYuan: number; paidAt: Date };
/** A payment as the bank lists it. */
export type BankPayment = { paymentId: string; amountYuan: number; violationId?: string | null; paidAt?: Date | null };

export type Category = "MATCHED" | "PLATFORM_ONLY" | "BANK_ONLY" | "AMOUNT_MISMATCH";

/** One compared payment. */
export type ComparedItem = {
  category: Category;
  paymentId: string;
  violationId: string | null;
  platformAmountYuan: number | null;
  bankAmountYuan: number | null;
  paidAt: Date | null;
};

/** Compares the two lists (payment IDs are unique within each). */
export function compareLists(platform: readonly PlatformPayment[], bank: readonly BankPayment[]): ComparedItem[] {
  const byId = new Map(bank.map((p) => [p.paymentId, p]));
  const items: ComparedItem[] = platform.map((p) => {
    const theirs = byId.get(p.paymentId);
    byId.delete(p.paymentId);
    const category: Category = !theirs ? "PLATFORM_ONLY" : theirs.amountYuan === p.amountYuan ? "MATCHED" : "AMOUNT_MISMATCH";
    return { category, paymentId: p.paymentId, violationId: p.violationId, platformAmountYuan: p.amountYuan, bankAmountYuan: theirs?.amountYuan ?? null, paidAt: p.paidAt };
  });
  for (const theirs of byId.values()) {
    items.push({
      category: "BANK_ONLY",
      paymentId: theirs.paymentId,
      violationId: theirs.violationId ?? null,
      platformAmountYuan: null,
      bankAmountYuan: theirs.amountYuan,
      paidAt: theirs.paidAt ?? null,
    });
  }
  return items;
}
