import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Violation } from "./violation.type";

/** What became of one record of a batch. */
export enum RecordOutcome {
  RECORDED = "RECORDED",
  DUPLICATE = "DUPLICATE",
  REFUSED = "REFUSED",
}
registerEnumType(RecordOutcome, {
  name: "RecordOutcome",
  description: "RECORDED: new; DUPLICATE: a record with this source key exists (same facts); REFUSED: see refusal.",
});

/** Why one record was refused: a code of the error catalogue, as recordViolation would throw it. */
@ObjectType({ simpleResolvers: true, description: "Why one record of a batch was refused." })
export class RecordRefusal {
  @Field(() => String, { description: "A fault code of the error catalogue (INVALID_PLATE, IDEMPOTENCY_KEY_REUSED, ...)." })
  code!: string;

  @Field(() => String, { description: "In the request's language." })
  message!: string;
}

/** The answer for one record. */
@ObjectType({ simpleResolvers: true, description: "The answer for one record of recordViolations, in the batch's order." })
export class RecordViolationsItem {
  @Field(() => Int, { description: "Position of the record in the batch, from 0." })
  index!: number;

  @Field(() => String)
  sourceRecordKey!: string;

  @Field(() => RecordOutcome)
  outcome!: RecordOutcome;

  @Field(() => Violation, { nullable: true, description: "The new record, or for DUPLICATE the earlier one; null when REFUSED." })
  violation!: Violation | null;

  @Field(() => RecordRefusal, { nullable: true })
  refusal!: RecordRefusal | null;
}

/** The answer of recordViolations. */
@ObjectType({ simpleResolvers: true, description: "The answer of recordViolations: counts and one item per record." })
export class RecordViolationsResult {
  @Field(() => Int)
  recorded!: number;

  @Field(() => Int)
  duplicates!: number;

  @Field(() => Int)
  refused!: number;

  @Field(() => [RecordViolationsItem])
  items!: RecordViolationsItem[];
}
