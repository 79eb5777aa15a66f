/**
 * The platform's view of `Violation` (owned by the `province` subgraph): its key, the facts the
 * eligibility needs marked `@external` (the gateway fetches them from the occurrence province and
 * passes them in the representation, `@requires`), and `eligibility`, computed here for the viewer.
 */
import { CaptureSource, DateTimeScalar, ProvinceCodeScalar, ViolationStatus } from "@jg/province-service/graphql";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Eligibility } from "../graphql/eligibility.type";

/** The violation facts `eligibility` requires, as named in the `province` subgraph. */
const ELIGIBILITY_REQUIRES = "plate occurredAt points fineYuan source status warningOnly province { code platformOpen }";

@Directive('@key(fields: "code", resolvable: false)')
@ObjectType({ simpleResolvers: true, description: "A province (owned by the province subgraph)." })
export class Province {
  @Field(() => ProvinceCodeScalar)
  code!: string;

  @Directive("@external")
  @Field(() => Boolean)
  platformOpen!: boolean;
}

@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: "A traffic violation (owned by the province subgraph)." })
export class Violation {
  @Field(() => ID)
  id!: string;

  /**
   * Part of the `province` subgraph's key: this platform's signed access statement for the viewer and
   * the violation's vehicle (@jg/identity access-statement, issue 11), so the occurrence shard decides
   * without asking `/internal/access`. Null when the platform has none to give (then the shard asks).
   */
  @Directive("@shareable")
  @Directive("@inaccessible")
  @Field(() => String, { nullable: true, description: "The platform's signed access statement for the viewer (@jg/identity access-statement)." })
  accessStatement!: string | null;

  @Directive("@external")
  @Field(() => String)
  plate!: string;

  @Directive("@external")
  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  @Directive("@external")
  @Field(() => Int)
  points!: number;

  @Directive("@external")
  @Field(() => Int)
  fineYuan!: number;

  @Directive("@external")
  @Field(() => CaptureSource)
  source!: CaptureSource;

  @Directive("@external")
  @Field(() => ViolationStatus)
  status!: ViolationStatus;

  @Directive("@external")
  @Field(() => Boolean)
  warningOnly!: boolean;

  @Directive("@external")
  @Field(() => Province)
  province!: Province;

  @Directive(`@requires(fields: "${ELIGIBILITY_REQUIRES}")`)
  @Field(() => Eligibility, { description: "May the signed-in viewer handle it here, and if not, every reason with its rule ID." })
  eligibility!: Eligibility;
}

/** A reference to a violation (with the viewer's access statement, if any): the gateway resolves the rest from its province. */
export function violationRef(id: string, accessStatement: string | null = null): Violation {
  return Object.assign(new Violation(), { id, accessStatement });
}
