import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { type ShardContext } from "../context";
import { localizeDenials } from "../graphql/denial.type";
import { toViolation } from "../violation/violation.type";
import { HandleViolationArgs } from "./handling.args";
import { HandleViolationResult } from "./handling.result";
import { toHandling } from "./handling.type";

/** The handleViolation mutation: thin, the service decides. */
@Resolver()
export class HandlingMutationResolver {
  @Mutation(() => HandleViolationResult, { description: "Citizens only; routed by the violation ID." })
  async handleViolation(
    @Args(() => HandleViolationArgs) { id, noticeAccepted, idempotencyKey }: HandleViolationArgs,
    @Ctx() ctx: ShardContext,
  ): Promise<HandleViolationResult> {
    const answer = await ctx.services.handling.handle(ctx.identity, id, noticeAccepted, idempotencyKey, ctx.loaders);
    // A mutation changed the row: never answer from a value cached earlier in this request. A handling
    // committed now answers with the rows its transaction returned (issue 12: not read again).
    ctx.loaders.violation.clear(answer.violationId);
    if (answer.committed) {
      ctx.loaders.violation.prime(answer.violationId, answer.committed.violation);
      ctx.loaders.handling.clear(answer.committed.handling.id).prime(answer.committed.handling.id, answer.committed.handling);
    }
    const violation = await ctx.loaders.violation.load(answer.violationId);
    const handling = answer.ok ? await ctx.loaders.handling.load(answer.handlingId) : null;
    return Object.assign(new HandleViolationResult(), {
      ok: answer.ok,
      violation: violation ? toViolation(violation) : null,
      handling: handling ? toHandling(handling) : null,
      denials: answer.ok ? [] : localizeDenials(answer.denials, ctx.lang),
      replayed: answer.replayed,
    });
  }
}
