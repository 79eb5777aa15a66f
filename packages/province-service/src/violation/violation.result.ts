import { Field, ObjectType } from "type-graphql";
import { Denial } from "../graphql/denial.type";
import { Violation } from "./violation.type";

/** The answer of recordViolation. */
@ObjectType({ simpleResolvers: true, description: "The answer of recordViolation." })
export class RecordViolationResult {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Violation, { nullable: true })
  violation!: Violation | null;

  @Field(() => Boolean, { description: "True when the same sourceRecordKey had already recorded it (a retry)." })
  replayed!: boolean;

  @Field(() => [Denial])
  denials!: Denial[];
}
