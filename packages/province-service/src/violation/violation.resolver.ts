import { violationCode } from "@jg/provinces";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { type ShardContext } from "../context";
import { localizeDenials } from "../graphql/denial.type";
import { Handling, toHandling } from "../handling/handling.type";
import { Province } from "../province/province.type";
import { RecordViolationInput } from "./violation.input";
import { RecordViolationResult } from "./violation.result";
import { toViolation, Violation } from "./violation.type";

/** Thin resolvers of Violation: parse, call one service method, map (docs/style.md practice 3). */
@Resolver(() => Violation)
export class ViolationResolver {
  @Query(() => Violation, { nullable: true, description: "A violation of this province; routed by the ID's first two digits. Null when unknown or not the viewer's to see (the same answer)." })
  async violation(@Arg("id", () => ID) id: string, @Ctx() ctx: ShardContext): Promise<Violation | null> {
    const row = await ctx.services.violations.get(ctx.identity, id, ctx.loaders);
    return row ? toViolation(row) : null;
  }

  @Mutation(() => RecordViolationResult, { description: "Camera systems and officers of this province only." })
  async recordViolation(
    @Arg("input", () => RecordViolationInput) input: RecordViolationInput,
    @Ctx() ctx: ShardContext,
  ): Promise<RecordViolationResult> {
    const { row, replayed } = await ctx.services.violations.record(ctx.identity, input);
    return Object.assign(new RecordViolationResult(), { ok: true, violation: toViolation(row), replayed, denials: localizeDenials([], ctx.lang) });
  }

  @FieldResolver(() => Province)
  async province(@Root() violation: Violation, @Ctx() ctx: ShardContext): Promise<Province> {
    const province = await ctx.services.provinces.get(violation.provinceCode);
    if (!province) throw new Error(`shard has no settings for its own province ${violation.provinceCode}`);
    return province;
  }

  @FieldResolver(() => String, { description: "In the request's language (Accept-Language)." })
  description(@Root() violation: Violation, @Ctx() ctx: ShardContext): string {
    const entry = violationCode(violation.code);
    return (ctx.lang === "en" ? entry?.descriptionEn : entry?.descriptionZh) ?? violation.code;
  }

  @FieldResolver(() => String)
  descriptionZh(@Root() violation: Violation): string {
    return violationCode(violation.code)?.descriptionZh ?? violation.code;
  }

  @FieldResolver(() => String)
  descriptionEn(@Root() violation: Violation): string {
    return violationCode(violation.code)?.descriptionEn ?? violation.code;
  }

  @FieldResolver(() => Handling, { nullable: true, description: "The current handling; null when unhandled." })
  async handling(@Root() violation: Violation, @Ctx() ctx: ShardContext): Promise<Handling | null> {
    if (!violation.handlingId) return null;
    const row = await ctx.loaders.handling.load(violation.handlingId);
    return row ? toHandling(row) : null;
  }
}
