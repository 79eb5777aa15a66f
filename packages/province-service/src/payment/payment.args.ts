import { ArgsType, Field, ID } from "type-graphql";
import { PaymentChannel } from "../graphql/enums";

/** Arguments of payFine, in declaration order (see HandleViolationArgs for why an args class). */
@ArgsType()
export class PayFineArgs {
  @Field(() => ID, { description: "The violation; its first two digits route the call to its province." })
  violationId!: string;

  @Field(() => PaymentChannel)
  channel!: PaymentChannel;

  @Field(() => String, { description: "The client's key for this attempt: a retry with the same key gets the same answer." })
  idempotencyKey!: string;
}
