/**
 * The banks' nightly reconciliation (R-MNT-1; issue 18, "Banks"; docs/design.md §4, "Reconciliation").
 *
 * A **bank channel** is a payment channel as one bank settles it: the province's collecting bank
 * (R-DOC-1, config `collectingBankId`) settles the online channels (APP, WEB, WECHAT, ALIPAY, KIOSK);
 * every bank settles the BANK_COUNTER payments it confirmed itself (payer `BANK:<bankId>`). A bank asking
 * for a channel that is not its own is answered as if the channel did not exist.
 *
 * For a business day (business-day.ts) and a bank channel the shard gives a statement of the payments it
 * recorded; the bank submits its own list; the shard compares them by payment ID and keeps the result
 * (`reconciliations`, `reconciliation_items`) in one transaction, idempotent on the bank, day, channel
 * and the bank's submission key.
 */
import { randomUUID } from "node:crypto";
import { AppFault, badUserInput as badInput } from "@jg/errors";
import { type Identity } from "@jg/identity";
import { type DailyWindow } from "@jg/rules";
import { type Clock } from "@jg/service-kit";
import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import { type ProvinceDb } from "../db/database";
import { isUniqueViolation } from "../db/errors";
import { payments, reconciliationItems, reconciliations, type ReconciliationItemRow, type ReconciliationRow } from "../db/schema";
import { PaymentChannel } from "../graphql/enums";
import { requestHash } from "../hash";
import { businessDaySpan, isBusinessDay, type BusinessDaySpan } from "./business-day";
import { compareLists, type BankPayment, type Category, type PlatformPayment } from "./compare";

/** The most payments one submission may list. */
const MAX_SUBMITTED_PAYMENTS = 10_000;

/** A statement of one business day and bank channel. */
export type Statement = BusinessDaySpan & {
  channel: PaymentChannel;
  closed: boolean;
  payments: PlatformPayment[];
  totalYuan: number;
  latest: StoredReconciliation | null;
};

/** A kept reconciliation with its items (MATCHED ones included). */
export type StoredReconciliation = { row: ReconciliationRow; items: ReconciliationItemRow[]; replayed: boolean };

type Bank = { bankId: string };

export class ReconciliationService {
  constructor(
    private readonly db: ProvinceDb,
    private readonly provinceCode: string,
    private readonly clock: Clock,
    /** The nightly window (R-MNT-1): its start is the business day's cut-off. */
    private readonly window: DailyWindow,
    private readonly collectingBankId: string,
  ) {}

  /** The statement the bank fetches; null when the channel is not this bank's (as if it did not exist). */
  async statement(identity: Identity | null, province: string, day: string, channel: PaymentChannel): Promise<Statement | null> {
    const bank = this.requireBank(identity, province);
    const span = this.span(day);
    if (!this.owns(bank, channel)) return null;
    const recorded = await this.platformPayments(bank, span, channel);
    return {
      ...span,
      channel,
      closed: this.clock.now().getTime() >= span.to.getTime(),
      payments: recorded,
      totalYuan: recorded.reduce((sum, p) => sum + p.amountYuan, 0),
      latest: await this.latest(bank, day, channel),
    };
  }

  /**
   * Compares the bank's list with the statement of a closed business day and keeps the result. The same
   * submission key with the same list answers the stored result (`replayed`); with another list it is
   * refused (IDEMPOTENCY_KEY_REUSED); a new key reconciles again (a corrected list), and the statement
   * shows the latest.
   */
  async submit(
    identity: Identity | null,
    input: { province: string; businessDay: string; channel: PaymentChannel; submissionKey: string; payments: BankPayment[] },
  ): Promise<StoredReconciliation> {
    const bank = this.requireBank(identity, input.province);
    const span = this.span(input.businessDay);
    if (!this.owns(bank, input.channel)) throw new AppFault("NOT_FOUND");
    const key = input.submissionKey.trim();
    if (key.length === 0 || key.length > 128) throw badInput("submissionKey must have 1 to 128 characters");
    const list = validateList(input.payments);
    const now = this.clock.now();
    if (now.getTime() < span.to.getTime()) {
      throw new AppFault("BUSINESS_DAY_OPEN", { params: { day: span.day, cutoff: span.to.toISOString() }, details: { cutoff: span.to.toISOString() } });
    }
    const hash = requestHash(list.map((p) => ({ ...p })));
    const where = { bankId: bank.bankId, businessDay: span.day, channel: input.channel, submissionKey: key };
    const stored = await this.find(where, hash);
    if (stored) return stored;

    const platform = await this.platformPayments(bank, span, input.channel);
    const compared = compareLists(platform, list);
    const count = (c: Category) => compared.filter((i) => i.category === c).length;
    const values = {
      id: randomUUID(),
      ...where,
      requestHash: hash,
      reconciledAt: now,
      matched: count("MATCHED"),
      platformOnly: count("PLATFORM_ONLY"),
      bankOnly: count("BANK_ONLY"),
      amountMismatches: count("AMOUNT_MISMATCH"),
      platformTotalYuan: platform.reduce((sum, p) => sum + p.amountYuan, 0),
      bankTotalYuan: list.reduce((sum, p) => sum + p.amountYuan, 0),
    };
    const items: ReconciliationItemRow[] = compared.map((item, position) => ({ reconciliationId: values.id, position, ...item }));
    let row: ReconciliationRow;
    try {
      row = await this.db.transaction(async (tx) => {
        const [inserted] = await tx.insert(reconciliations).values(values).returning();
        // Chunks keep each statement under PostgreSQL's 65 535 bind parameters (8 per item).
        for (let i = 0; i < items.length; i += 1000) await tx.insert(reconciliationItems).values(items.slice(i, i + 1000));
        return inserted!;
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // A concurrent retry with the same key committed first: its result is this one's.
      const winner = await this.find(where, hash);
      if (winner) return winner;
      throw err;
    }
    return { row, items, replayed: false };
  }

  private requireBank(identity: Identity | null, province: string): Bank {
    if (!identity) throw new AppFault("UNAUTHENTICATED");
    if (identity.kind !== "BANK") throw new AppFault("FORBIDDEN");
    if (province !== this.provinceCode) {
      throw new AppFault("WRONG_PROVINCE", { params: { province: this.provinceCode }, details: { requested: province } });
    }
    return { bankId: identity.bankId };
  }

  private span(day: string): BusinessDaySpan {
    if (!isBusinessDay(day)) throw badInput(`businessDay must be a date YYYY-MM-DD, got ${JSON.stringify(day)}`);
    return businessDaySpan(day, this.window);
  }

  private owns(bank: Bank, channel: PaymentChannel): boolean {
    return channel === PaymentChannel.BANK_COUNTER || bank.bankId === this.collectingBankId;
  }

  private async platformPayments(bank: Bank, span: BusinessDaySpan, channel: PaymentChannel): Promise<PlatformPayment[]> {
    const conditions = [eq(payments.channel, channel), gte(payments.paidAt, span.from), lt(payments.paidAt, span.to)];
    if (channel === PaymentChannel.BANK_COUNTER) conditions.push(eq(payments.payer, `BANK:${bank.bankId}`));
    return this.db
      .select({ paymentId: payments.id, violationId: payments.violationId, amountYuan: payments.amountYuan, paidAt: payments.paidAt })
      .from(payments)
      .where(and(...conditions))
      .orderBy(asc(payments.paidAt), asc(payments.id));
  }

  private async latest(bank: Bank, day: string, channel: PaymentChannel): Promise<StoredReconciliation | null> {
    const [row] = await this.db
      .select()
      .from(reconciliations)
      .where(and(eq(reconciliations.bankId, bank.bankId), eq(reconciliations.businessDay, day), eq(reconciliations.channel, channel)))
      .orderBy(desc(reconciliations.seq))
      .limit(1);
    return row ? { row, items: await this.items(row.id), replayed: false } : null;
  }

  private async find(
    where: { bankId: string; businessDay: string; channel: string; submissionKey: string },
    hash: string,
  ): Promise<StoredReconciliation | null> {
    const [row] = await this.db
      .select()
      .from(reconciliations)
      .where(
        and(
          eq(reconciliations.bankId, where.bankId),
          eq(reconciliations.businessDay, where.businessDay),
          eq(reconciliations.channel, where.channel),
          eq(reconciliations.submissionKey, where.submissionKey),
        ),
      );
    if (!row) return null;
    if (row.requestHash !== hash) throw new AppFault("IDEMPOTENCY_KEY_REUSED");
    return { row, items: await this.items(row.id), replayed: true };
  }

  private items(id: string): Promise<ReconciliationItemRow[]> {
    return this.db.select().from(reconciliationItems).where(eq(reconciliationItems.reconciliationId, id)).orderBy(asc(reconciliationItems.position));
  }
}

function validateList(list: BankPayment[]): BankPayment[] {
  if (list.length > MAX_SUBMITTED_PAYMENTS) throw badInput(`a submission lists at most ${MAX_SUBMITTED_PAYMENTS} payments`);
  const seen = new Set<string>();
  return list.map((p) => {
    const paymentId = p.paymentId.trim();
    if (paymentId.length === 0 || paymentId.length > 128) throw badInput("paymentId must have 1 to 128 characters");
    if (seen.has(paymentId)) throw badInput(`payment ${paymentId} is listed twice`);
    seen.add(paymentId);
    if (!Number.isInteger(p.amountYuan) || p.amountYuan < 0) throw badInput(`amountYuan of ${paymentId} must be a whole number of yuan ≥ 0`);
    if (p.paidAt !== null && p.paidAt !== undefined && Number.isNaN(p.paidAt.getTime())) throw badInput(`paidAt of ${paymentId} is not a time`);
    return { paymentId, amountYuan: p.amountYuan, violationId: p.violationId?.trim() || null, paidAt: p.paidAt ?? null };
  });
}
