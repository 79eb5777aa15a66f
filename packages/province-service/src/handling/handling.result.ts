import { Field, ObjectType } from "type-graphql";
import { Denial } from "../graphql/denial.type";
import { Violation } from "../violation/violation.type";
import { Handling } from "./handling.type";

/** The answer of handleViolation: approved with the handling, or refused with every reason. */
@ObjectType({ simpleResolvers: true, description: "The answer of handleViolation." })
export class HandleViolationResult {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Violation, { nullable: true, description: "The violation as it is now." })
  violation!: Violation | null;

  @Field(() => Handling, { nullable: true, description: "The handling this call made (or made before, on a replay)." })
  handling!: Handling | null;

  @Field(() => [Denial], { description: "Why it was refused, with rule IDs; empty when ok." })
  denials!: Denial[];

  @Field(() => Boolean, { description: "True when this answer was stored under the idempotency key earlier." })
  replayed!: boolean;
}
