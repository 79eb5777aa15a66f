import { ArgsType, Field, ID } from "type-graphql";

/**
 * Arguments of handleViolation. An args class (not three @Arg parameters) keeps the schema's argument
 * order as declared here: parameter decorators run last-to-first and would print them reversed.
 */
@ArgsType()
export class HandleViolationArgs {
  @Field(() => ID, { description: "The violation; its first two digits route the call to its province." })
  id!: string;

  @Field(() => Boolean, { description: "The user read and accepted the business notice (R-OPS-2)." })
  noticeAccepted!: boolean;

  @Field(() => String, { description: "The client's key for this attempt: a retry with the same key gets the same answer." })
  idempotencyKey!: string;
}
