import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { type ShardContext } from "../context";
import { Payment, toPayment } from "../payment/payment.type";
import { provinceByCode } from "@jg/provinces";
import { DecisionDocument, decisionDocument } from "./decision-document.type";
import { Handling } from "./handling.type";

/** Field resolvers of Handling. */
@Resolver(() => Handling)
export class HandlingFieldsResolver {
  @FieldResolver(() => Payment, { nullable: true, description: "The one payment of this handling (R-DUP-1); null while unpaid." })
  async payment(@Root() handling: Handling, @Ctx() ctx: ShardContext): Promise<Payment | null> {
    const row = await ctx.loaders.paymentByHandling.load(handling.id);
    return row ? toPayment(row) : null;
  }

  @FieldResolver(() => DecisionDocument, { description: "Where to print the penalty decision document (R-DOC-1)." })
  document(@Root() handling: Handling, @Ctx() ctx: ShardContext): DecisionDocument {
    const province = provinceByCode(ctx.services.config.provinceCode)!;
    return decisionDocument(handling.decisionNumber, province, ctx.lang);
  }
}
