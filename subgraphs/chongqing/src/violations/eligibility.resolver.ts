import { localizeDenials } from "@jg/province-service/graphql";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { PlatformContext } from "../context";
import { Eligibility } from "../graphql/eligibility.type";
import { eligibilityOf } from "./eligibility.service";
import { Violation } from "./violation.type";

/** `Violation.eligibility`. The root is the gateway's representation, carrying the required facts. */
@Resolver(() => Violation)
export class EligibilityResolver {
  @FieldResolver(() => Eligibility)
  async eligibility(@Root() violation: Violation, @Ctx() ctx: PlatformContext): Promise<Eligibility> {
    const decision = await eligibilityOf(ctx, violation);
    return Object.assign(new Eligibility(), {
      allowed: decision.ok,
      denials: decision.ok ? [] : localizeDenials(decision.denials, ctx.lang),
    });
  }
}
