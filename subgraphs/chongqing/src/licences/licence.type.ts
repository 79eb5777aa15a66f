import { DateTimeScalar } from "@jg/province-service/graphql";
import { Field, Int, ObjectType } from "type-graphql";
import { LicenceState } from "../graphql/enums";
import type { LicenceView } from "./licence.view";

/**
 * A driving licence with its points from the ledger (docs/design.md §7). `points` are applied points of the
 * current scoring cycle; `reservedPoints` are held for handled, unpaid violations in any province;
 * `asOf` is when the home platform last heard of a change (R-SYNC-1, R-SYNC-2: the view may lag).
 */
@ObjectType({ simpleResolvers: true, description: "A driving licence and its points in the current scoring cycle." })
export class DrivingLicence {
  @Field(() => String)
  number!: string;

  @Field(() => [LicenceState], { description: "Several at once, as the real status field allows." })
  states!: string[];

  @Field(() => Int, { description: "Points applied in the current scoring cycle." })
  points!: number;

  @Field(() => Int, { description: "Points reserved by handled, unpaid violations (R-ELG-6)." })
  reservedPoints!: number;

  @Field(() => Int, { description: "Times 12 points were reached in this cycle (R-ELG-5)." })
  fullScoreCountInCycle!: number;

  @Field(() => DateTimeScalar)
  cycleStart!: Date;

  @Field(() => DateTimeScalar, { description: "Exclusive: the instant the next cycle starts." })
  cycleEnd!: Date;

  @Field(() => DateTimeScalar, { description: "When this data last changed on the home platform." })
  asOf!: Date;
}

export function toDrivingLicence(view: LicenceView): DrivingLicence {
  return Object.assign(new DrivingLicence(), view);
}
