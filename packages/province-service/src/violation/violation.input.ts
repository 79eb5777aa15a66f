import { Field, InputType } from "type-graphql";
import { CaptureSource } from "../graphql/enums";
import { DateTimeScalar, ProvinceCodeScalar } from "../graphql/scalars";

/**
 * One record of a recordViolations batch, and everything of a RecordViolationInput but `province`,
 * which the batch names once (the gateway routes the whole batch by it).
 */
@InputType({ description: "One violation of a camera batch (recordViolations)." })
export class ViolationRecordInput {
  @Field(() => String, { description: "The recorder's own key for this record: a retry with the same key records nothing new." })
  sourceRecordKey!: string;

  @Field(() => String, { description: "Canonical plate, e.g. 川A12345." })
  plate!: string;

  @Field(() => String, { description: "号牌种类 code, e.g. 02." })
  plateType!: string;

  @Field(() => String, { description: "违法行为代码, present in the schedule in force at occurredAt." })
  code!: string;

  @Field(() => DateTimeScalar, { description: "Not in the future." })
  occurredAt!: Date;

  @Field(() => String)
  location!: string;

  @Field(() => CaptureSource, { description: "CAMERA for camera systems, ON_SITE for officers." })
  source!: CaptureSource;

  @Field(() => String, { description: "Six-digit area code of the recording agency, in this province." })
  agencyAreaCode!: string;
}

/** What a camera system or an officer sends to record a violation: a record and its province. */
@InputType({ description: "A violation as a camera system or an officer records it." })
export class RecordViolationInput extends ViolationRecordInput {
  @Field(() => ProvinceCodeScalar, { description: "The shard this goes to (the gateway routes by it); must be this province." })
  province!: string;
}
