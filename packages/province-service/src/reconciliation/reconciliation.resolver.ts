import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { type ShardContext } from "../context";
import { PaymentChannel } from "../graphql/enums";
import { ProvinceCodeScalar } from "../graphql/scalars";
import { BankPaymentInput, Reconciliation, ReconciliationStatement, toReconciliation, toStatement } from "./reconciliation.type";

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
