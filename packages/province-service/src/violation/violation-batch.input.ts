import { Field, InputType } from "type-graphql";
import { CaptureSource } from "../graphql/enums";
import { DateTimeScalar } from "../graphql/scalars";

/**
 * One record of a recordViolations batch: RecordViolationInput without `province`, which the batch
 * names once (the gateway routes the whole batch by it).
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
