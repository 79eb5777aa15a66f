import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { type ShardContext } from "../context";
import { localizeDenials } from "../graphql/denial.type";
import { toViolation } from "../violation/violation.type";
import { PayFineArgs } from "./payment.args";
import { PayFineResult } from "./payment.result";
import { toPayment } from "./payment.type";

/** The payFine mutation: thin, the service decides. */
@Resolver()
export class PaymentResolver {
  @Mutation(() => PayFineResult, { description: "The handling citizen or a bank; routed by the violation ID." })
  async payFine(
    @Args(() => PayFineArgs) { violationId, channel, idempotencyKey }: PayFineArgs,
    @Ctx() ctx: ShardContext,
  ): Promise<PayFineResult> {
    const answer = await ctx.services.payments.pay(ctx.identity, violationId, channel, idempotencyKey, ctx.loaders);
    // A mutation changed the row: never answer from a value cached earlier in this request. A payment
    // committed now answers with the rows its transaction returned (issue 12: not read again).
    ctx.loaders.violation.clear(answer.violationId);
    if (answer.ok && answer.committed) {
      ctx.loaders.violation.prime(answer.violationId, answer.committed.violation);
      ctx.loaders.handling.clear(answer.handlingId).prime(answer.handlingId, answer.committed.handling);
      ctx.loaders.paymentByHandling.clear(answer.handlingId).prime(answer.handlingId, answer.committed.payment);
    }
    const violation = await ctx.loaders.violation.load(answer.violationId);
    const payment = answer.ok ? await ctx.loaders.paymentByHandling.load(answer.handlingId) : null;
    return Object.assign(new PayFineResult(), {
      ok: answer.ok,
      violation: violation ? toViolation(violation) : null,
      payment: payment ? toPayment(payment) : null,
      denials: answer.ok ? [] : localizeDenials(answer.denials, ctx.lang),
      replayed: answer.replayed,
    });
  }
}
