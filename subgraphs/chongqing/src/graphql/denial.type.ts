import { Directive, Field, ObjectType } from "type-graphql";

/** A business refusal; the same shape as the `province` subgraph's (hence @shareable). */
@Directive("@shareable")
@ObjectType({ description: "Why an action was refused: a stable code, the rule behind it, a message." })
export class Denial {
  @Field(() => String)
  code!: string;

  @Field(() => String, { description: "The MANUAL.md rule ID, e.g. R-ELG-1e." })
  ruleId!: string;

  @Field(() => String, { description: "In the request's language (Accept-Language: zh or en)." })
  message!: string;
}

/** May the viewer handle a violation here, and if not, every reason with its rule ID (DESIGN §7). */
@ObjectType({ description: "May the viewer handle this violation on the platform, and if not, why." })
export class Eligibility {
  @Field(() => Boolean)
  allowed!: boolean;

  @Field(() => [Denial])
  denials!: Denial[];
}

/** A denial as the rules give it: both languages. */
export type BilingualDenial = { code: string; ruleId: string; message: { zh: string; en: string } };

/** The denials in the request's language. */
export function localizeDenials(denials: readonly BilingualDenial[], lang: "zh" | "en"): Denial[] {
  return denials.map((d) => Object.assign(new Denial(), { code: d.code, ruleId: d.ruleId, message: d.message[lang] }));
}
