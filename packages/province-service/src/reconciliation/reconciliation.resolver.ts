import { badUserInput } from "@jg/errors";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { type ShardContext } from "../context";
import { PaymentChannel } from "../graphql/enums";
import { ProvinceCodeScalar } from "../graphql/scalars";
import { BankPaymentInput, Reconciliation, ReconciliationStatement, StatementPayment, toReconciliation, toStatement } from "./reconciliation.type";

/** The most payments one page of a statement answers. */
const MAX_PAGE = 5_000;

/** The banks' nightly reconciliation (R-MNT-1): thin, the service decides. Banks only. */
@Resolver()
export class ReconciliationResolver {
  @Query(() => ReconciliationStatement, {
    nullable: true,
    description:
      "Banks only: the payments this province recorded in a business day on one of the calling bank's channels; routed by `province`. Null for a channel that is not the bank's.",
  })
  async reconciliationStatement(
    @Arg("province", () => ProvinceCodeScalar) province: string,
    @Arg("businessDay", () => String, { description: "YYYY-MM-DD, China Standard Time (docs/design.md §4)." }) businessDay: string,
    @Arg("channel", () => PaymentChannel) channel: PaymentChannel,
    @Ctx() ctx: ShardContext,
  ): Promise<ReconciliationStatement | null> {
    const statement = await ctx.services.reconciliations.statement(ctx.identity, province, businessDay, channel);
    return statement ? toStatement(statement) : null;
  }

  @Mutation(() => Reconciliation, {
    description:
      "Banks only: compares the bank's list with the statement of a closed business day and keeps the result; idempotent on the submission key; routed by `province`.",
  })
  async submitReconciliation(
    @Arg("province", () => ProvinceCodeScalar) province: string,
    @Arg("businessDay", () => String) businessDay: string,
    @Arg("channel", () => PaymentChannel) channel: PaymentChannel,
    @Arg("submissionKey", () => String, { description: "The bank's key for this submission: a retry with the same key and list gets the same result." })
    submissionKey: string,
    @Arg("payments", () => [BankPaymentInput]) payments: BankPaymentInput[],
    @Ctx() ctx: ShardContext,
  ): Promise<Reconciliation> {
    const stored = await ctx.services.reconciliations.submit(ctx.identity, { province, businessDay, channel, submissionKey, payments });
    return toReconciliation(stored);
  }
}

/**
 * A statement's payments, whole or a page at a time (issue 18 follow-up): a busy day's list can exceed what
 * one answer should carry, so a bank asks `payments(first: N)` and then `payments(first: N, after: <the
 * last payment ID it got>)` until a page comes back shorter than N (`paymentCount` says how many in all).
 * The order (payment time, then ID) is the statement's, so pages neither skip nor repeat a payment.
 */
@Resolver(() => ReconciliationStatement)
export class ReconciliationStatementResolver {
  @FieldResolver(() => [StatementPayment], {
    description:
      "In payment time order. Without arguments every payment of the day; with `first` (1 to 5000) at most that many, after the payment `after` (the last payment ID of the previous page).",
  })
  payments(
    @Root() statement: ReconciliationStatement,
    @Arg("first", () => Int, { nullable: true }) first: number | null | undefined,
    @Arg("after", () => ID, { nullable: true }) after: string | null | undefined,
  ): StatementPayment[] {
    // An argument left out arrives undefined, one given as null arrives null: both mean "not given".
    first ??= null;
    after ??= null;
    if (first !== null && (first < 1 || first > MAX_PAGE)) throw badUserInput(`first must be 1 to ${MAX_PAGE}`);
    const all = statement.allPayments;
    let start = 0;
    if (after !== null) {
      const at = all.findIndex((p) => p.paymentId === after);
      if (at < 0) throw badUserInput("after: not a payment of this statement");
      start = at + 1;
    }
    return all.slice(start, first === null ? undefined : start + first);
  }
}
