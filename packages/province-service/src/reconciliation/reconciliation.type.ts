import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { type ReconciliationItemRow } from "../db/schema";
import { PaymentChannel } from "../graphql/enums";
import { DateTimeScalar } from "../graphql/scalars";
import { type Statement, type StoredReconciliation } from "./reconciliation.service";

/** How one payment came out of a reconciliation. */
export enum ReconciliationCategory {
  MATCHED = "MATCHED",
  PLATFORM_ONLY = "PLATFORM_ONLY",
  BANK_ONLY = "BANK_ONLY",
  AMOUNT_MISMATCH = "AMOUNT_MISMATCH",
}
registerEnumType(ReconciliationCategory, {
  name: "ReconciliationCategory",
  description: "MATCHED: both sides, same amount; PLATFORM_ONLY / BANK_ONLY: one side only; AMOUNT_MISMATCH: both, amounts differ.",
});

/** A payment of the province's statement. */
@ObjectType({ simpleResolvers: true, description: "A payment the province recorded, as the statement lists it." })
export class StatementPayment {
  @Field(() => ID)
  paymentId!: string;

  @Field(() => ID)
  violationId!: string;

  @Field(() => Int)
  amountYuan!: number;

  @Field(() => DateTimeScalar)
  paidAt!: Date;
}

/** One compared payment. */
@ObjectType({ simpleResolvers: true, description: "One payment of a reconciliation and where it was found." })
export class ReconciliationItem {
  @Field(() => ReconciliationCategory)
  category!: ReconciliationCategory;

  @Field(() => String, { description: "The province's payment ID (the bank's, for BANK_ONLY)." })
  paymentId!: string;

  @Field(() => ID, { nullable: true })
  violationId!: string | null;

  @Field(() => Int, { nullable: true, description: "Null when the platform has no such payment." })
  platformAmountYuan!: number | null;

  @Field(() => Int, { nullable: true, description: "Null when the bank did not list it." })
  bankAmountYuan!: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  paidAt!: Date | null;
}

/** A kept reconciliation. */
@ObjectType({ simpleResolvers: true, description: "The result of comparing a bank's list with the statement of one business day and bank channel (R-MNT-1)." })
export class Reconciliation {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "YYYY-MM-DD, China Standard Time; see docs/design.md §4." })
  businessDay!: string;

  @Field(() => PaymentChannel)
  channel!: PaymentChannel;

  @Field(() => String)
  submissionKey!: string;

  @Field(() => DateTimeScalar)
  reconciledAt!: Date;

  @Field(() => Int)
  matched!: number;

  @Field(() => Int)
  platformTotalYuan!: number;

  @Field(() => Int)
  bankTotalYuan!: number;

  @Field(() => Boolean, { description: "True when every payment matched on both sides." })
  balanced!: boolean;

  @Field(() => [ReconciliationItem], { description: "Payments the province recorded and the bank did not list." })
  platformOnly!: ReconciliationItem[];

  @Field(() => [ReconciliationItem], { description: "Payments the bank listed and the province did not record." })
  bankOnly!: ReconciliationItem[];

  @Field(() => [ReconciliationItem], { description: "Payments on both sides with different amounts." })
  amountMismatches!: ReconciliationItem[];

  @Field(() => Boolean, { description: "True when this answer was stored under the submission key earlier." })
  replayed!: boolean;
}

/** The statement of one business day and bank channel. */
@ObjectType({ simpleResolvers: true, description: "The payments a province recorded in one business day on one bank channel (R-MNT-1)." })
export class ReconciliationStatement {
  @Field(() => String)
  businessDay!: string;

  @Field(() => PaymentChannel)
  channel!: PaymentChannel;

  @Field(() => DateTimeScalar, { description: "Start of the business day (the previous nightly window's start), inclusive." })
  from!: Date;

  @Field(() => DateTimeScalar, { description: "Cut-off of the business day (the nightly window's start), exclusive." })
  to!: Date;

  @Field(() => Boolean, { description: "True once the cut-off has passed: the statement is final and may be reconciled." })
  closed!: boolean;

  @Field(() => Int)
  paymentCount!: number;

  @Field(() => Int)
  totalYuan!: number;

  /** Every payment of the day in payment time order; `payments` (reconciliation.resolver.ts) pages it. */
  allPayments!: StatementPayment[];

  @Field(() => Reconciliation, { nullable: true, description: "The latest reconciliation of this day and channel by this bank." })
  reconciliation!: Reconciliation | null;
}

/** A payment as the bank lists it. */
@InputType({ description: "A payment as the bank's own records list it." })
export class BankPaymentInput {
  @Field(() => String, { description: "The province's payment ID the bank was given (any ID of the bank's own for a payment the province may not know)." })
  paymentId!: string;

  @Field(() => Int)
  amountYuan!: number;

  @Field(() => String, { nullable: true })
  violationId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  paidAt?: Date | null;
}

function toItem(row: ReconciliationItemRow): ReconciliationItem {
  return Object.assign(new ReconciliationItem(), {
    category: row.category as ReconciliationCategory,
    paymentId: row.paymentId,
    violationId: row.violationId,
    platformAmountYuan: row.platformAmountYuan,
    bankAmountYuan: row.bankAmountYuan,
    paidAt: row.paidAt,
  });
}

/** Maps a kept reconciliation to the GraphQL object. */
export function toReconciliation({ row, items, replayed }: StoredReconciliation): Reconciliation {
  const of = (c: ReconciliationCategory) => items.filter((i) => i.category === c).map(toItem);
  return Object.assign(new Reconciliation(), {
    id: row.id,
    businessDay: row.businessDay,
    channel: row.channel as PaymentChannel,
    submissionKey: row.submissionKey,
    reconciledAt: row.reconciledAt,
    matched: row.matched,
    platformTotalYuan: row.platformTotalYuan,
    bankTotalYuan: row.bankTotalYuan,
    balanced: row.platformOnly + row.bankOnly + row.amountMismatches === 0,
    platformOnly: of(ReconciliationCategory.PLATFORM_ONLY),
    bankOnly: of(ReconciliationCategory.BANK_ONLY),
    amountMismatches: of(ReconciliationCategory.AMOUNT_MISMATCH),
    replayed,
  });
}

/** Maps a statement to the GraphQL object. */
export function toStatement(s: Statement): ReconciliationStatement {
  return Object.assign(new ReconciliationStatement(), {
    businessDay: s.day,
    channel: s.channel,
    from: s.from,
    to: s.to,
    closed: s.closed,
    paymentCount: s.payments.length,
    totalYuan: s.totalYuan,
    allPayments: s.payments.map((p) => Object.assign(new StatementPayment(), p)),
    reconciliation: s.latest ? toReconciliation(s.latest) : null,
  });
}
