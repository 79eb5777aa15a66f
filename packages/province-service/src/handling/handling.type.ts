import { Field, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../graphql/scalars";
import { type HandlingRow } from "../db/schema";

/** An accepted handling: the penalty decision and its payment deadline (R-PAY-1). */
@ObjectType({ simpleResolvers: true, description: "The handling of a violation on the platform: decision and payment deadline." })
export class Handling {
  @Field(() => String, { description: "决定书编号." })
  decisionNumber!: string;

  @Field(() => DateTimeScalar)
  handledAt!: Date;

  @Field(() => DateTimeScalar, { description: "handledAt + 2 hours; unpaid by then, it returns to unhandled (R-PAY-1)." })
  payBy!: Date;

  /** Not exposed: the payment field resolver loads by it. */
  id!: string;
}

/** Maps a stored row to the GraphQL object. */
export function toHandling(row: HandlingRow): Handling {
  return Object.assign(new Handling(), {
    id: row.id,
    decisionNumber: row.decisionNumber,
    handledAt: row.handledAt,
    payBy: row.payBy,
  });
}
