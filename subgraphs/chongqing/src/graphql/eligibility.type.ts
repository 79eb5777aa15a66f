import { Denial } from "@jg/province-service/graphql";
import { Field, ObjectType } from "type-graphql";

/**
 * May the viewer handle a violation here, and if not, every reason with its rule ID (docs/design.md §7).
 * `Denial` is the `province` subgraph's own class (one definition for both subgraphs, @shareable).
 */
@ObjectType({ simpleResolvers: true, description: "May the viewer handle this violation on the platform, and if not, why." })
export class Eligibility {
  @Field(() => Boolean)
  allowed!: boolean;

  @Field(() => [Denial])
  denials!: Denial[];
}
