import { Directive, Field, ObjectType } from "type-graphql";

/**
 * A business refusal: stable code, the manual's rule ID, and the message in the request's language.
 * Shareable: the platform subgraph answers denials too (Violation.eligibility, filing results) with this
 * same class (exported as `@jg/province-service/graphql`).
 */
@Directive("@shareable")
@ObjectType({ simpleResolvers: true, description: "Why an action was refused: a stable code, the rule behind it, a message." })
export class Denial {
  @Field(() => String)
  code!: string;

  @Field(() => String, { description: "The docs/rules.md rule ID, e.g. R-ELG-1e." })
  ruleId!: string;

  @Field(() => String, { description: "In the request's language (Accept-Language: zh or en)." })
  message!: string;
}

/** A denial as the rules and the home platform give it: both languages. */
export type BilingualDenial = { code: string; ruleId: string; message: { zh: string; en: string } };

/** The denials in the request's language. */
export function localizeDenials(denials: readonly BilingualDenial[], lang: "zh" | "en"): Denial[] {
  return denials.map((d) => Object.assign(new Denial(), { code: d.code, ruleId: d.ruleId, message: d.message[lang] }));
}
