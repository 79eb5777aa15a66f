import { Field, Int, ObjectType } from "type-graphql";
import { ViolationStatus } from "./enums";

/**
 * The penalty facts every violation object states, in this order: the province's `Violation` and the
 * platform's `FleetViolation` (the copy a partner sees, R-SYNC-2) extend it. Never a field's type, so no
 * schema emits it; type-graphql gives each subclass these fields (inherited fields come first in the SDL).
 */
@ObjectType({ simpleResolvers: true })
export abstract class ViolationPenalty {
  @Field(() => Int, { description: "From this province's schedule in force when it occurred (R-OOP-1)." })
  fineYuan!: number;

  @Field(() => Int)
  points!: number;

  @Field(() => Boolean)
  warningOnly!: boolean;

  @Field(() => ViolationStatus)
  status!: ViolationStatus;
}
