import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../graphql/scalars";
import { CaptureSource, type ViolationStatus } from "../graphql/enums";
import { ViolationPenalty } from "../graphql/violation-penalty";
import { type ViolationRow } from "../db/schema";

/**
 * A violation recorded in this shard's province. Scalar facts are filled from the row; `province`,
 * `description` and `handling` are field resolvers (ViolationResolver) that go through loaders.
 */
// The key carries the home platform's access statement (issue 11, docs/design.md §8): the platform's
// `Vehicle.violations` fills it, the gateway passes it in the representation, and the shard checks it
// locally instead of asking `POST /internal/access`. Hidden from the public API (`@inaccessible`).
@Directive('@key(fields: "id accessStatement")')
@ObjectType({ simpleResolvers: true, description: "A traffic violation, owned by the province where it occurred (R-OOP-1)." })
export class Violation extends ViolationPenalty {
  @Field(() => ID, { description: "16 digits; the first six are the recording agency's area code." })
  id!: string;

  @Directive("@shareable")
  @Directive("@inaccessible")
  @Field(() => String, {
    nullable: true,
    description: "The home platform's signed access statement for the viewer (@jg/identity access-statement); null from this subgraph.",
  })
  accessStatement!: string | null;

  @Field(() => String)
  plate!: string;

  @Field(() => String, { description: "号牌种类 code, e.g. 02 small car." })
  plateType!: string;

  @Field(() => String, { description: "违法行为代码." })
  code!: string;

  @Field(() => String)
  location!: string;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  @Field(() => CaptureSource)
  source!: CaptureSource;

  /** Not exposed: read by field resolvers. */
  provinceCode!: string;
  handlingId!: string | null;
}

/** Maps a stored row to the GraphQL object. */
export function toViolation(row: ViolationRow): Violation {
  return Object.assign(new Violation(), {
    id: row.id,
    accessStatement: null,
    plate: row.plate,
    plateType: row.plateType,
    code: row.code,
    location: row.location,
    occurredAt: row.occurredAt,
    source: row.source as CaptureSource,
    fineYuan: row.fineYuan,
    points: row.points,
    warningOnly: row.warningOnly,
    status: row.status as ViolationStatus,
    provinceCode: row.provinceCode,
    handlingId: row.handlingId,
  });
}
