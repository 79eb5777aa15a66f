import { DateTimeScalar } from "@jg/province-service/graphql";
import { Field, ID, ObjectType } from "type-graphql";
import type { FilingRow } from "../db/schema";
import { FilingMethod, FilingStatus } from "../graphql/enums";

/** A filing of another person's or a company's vehicle (R-FIL-2..6). */
@ObjectType({ simpleResolvers: true, description: "A filing of another person's or a company's vehicle (R-FIL-2..6)." })
export class Filing {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  plate!: string;

  @Field(() => FilingMethod)
  method!: FilingMethod;

  @Field(() => FilingStatus)
  status!: FilingStatus;

  @Field(() => DateTimeScalar)
  appliedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it took effect (R-ELG-3)." })
  effectiveAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  releasedAt!: Date | null;
}

export function toFiling(row: FilingRow): Filing {
  return Object.assign(new Filing(), {
    id: row.id,
    plate: row.plate,
    method: row.method as FilingMethod,
    status: row.status as FilingStatus,
    appliedAt: row.appliedAt,
    effectiveAt: row.effectiveAt,
    releasedAt: row.releasedAt,
  });
}
