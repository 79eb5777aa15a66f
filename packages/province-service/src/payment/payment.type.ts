import { Field, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../graphql/scalars";
import { PaymentChannel } from "../graphql/enums";
import { type PaymentRow } from "../db/schema";

/** The one payment of a handling (R-DUP-1); the amount is exactly the fine, no fee (R-FEE-1). */
@ObjectType({ simpleResolvers: true, description: "The payment of a handled violation." })
export class Payment {
  @Field(() => PaymentChannel)
  channel!: PaymentChannel;

  @Field(() => Int)
  amountYuan!: number;

  @Field(() => DateTimeScalar)
  paidAt!: Date;
}

/** Maps a stored row to the GraphQL object. */
export function toPayment(row: PaymentRow): Payment {
  return Object.assign(new Payment(), {
    channel: row.channel as PaymentChannel,
    amountYuan: row.amountYuan,
    paidAt: row.paidAt,
  });
}
