import { Field, ObjectType } from "type-graphql";
import { Denial } from "../graphql/denial.type";
import { Violation } from "../violation/violation.type";
import { Payment } from "./payment.type";

/** The answer of payFine: paid with the payment, or refused with every reason. */
@ObjectType({ simpleResolvers: true, description: "The answer of payFine." })
export class PayFineResult {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Violation, { nullable: true, description: "The violation as it is now." })
  violation!: Violation | null;

  @Field(() => Payment, { nullable: true, description: "The payment this call made (or made before, on a replay)." })
  payment!: Payment | null;

  @Field(() => [Denial], { description: "Why it was refused, with rule IDs; empty when ok." })
  denials!: Denial[];

  @Field(() => Boolean, { description: "True when this answer was stored under the idempotency key earlier." })
  replayed!: boolean;
}
