/**
 * Feedback (R-FBK-1): citizens submit and list their own; officers of province 50 list by status and
 * set the status.
 */
import { AppFault } from "@jg/errors";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { z } from "zod";
import { idSchema, parseInput } from "../accounts/registration.input";
import { requireCitizenAccount } from "../auth/viewer";
import type { PlatformContext } from "../context";
import { feedbackInStatus, feedbackOf, setFeedbackStatus, submitFeedback } from "./feedback.service";
import { Feedback, FeedbackStatus, ScreenshotInput, toFeedback } from "./feedback.type";
import { checkScreenshot } from "./screenshot";

function requireChongqingOfficer(ctx: PlatformContext): void {
  const { identity } = ctx;
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind !== "OFFICER" || identity.provinceCode !== "50") throw new AppFault("FORBIDDEN");
}

@Resolver()
export class FeedbackResolver {
  @Mutation(() => Feedback, { description: "R-FBK-1: a description and up to 3 PNG/JPEG screenshots. Idempotent on idempotencyKey." })
  async submitFeedback(
    @Arg("description", () => String) description: string,
    @Arg("screenshots", () => [ScreenshotInput], { defaultValue: [] }) screenshots: ScreenshotInput[],
    @Arg("idempotencyKey", () => String) idempotencyKey: string,
    @Ctx() ctx: PlatformContext,
  ): Promise<Feedback> {
    const account = await requireCitizenAccount(ctx);
    const limits = ctx.deps.citizen.settings.feedback;
    const text = parseInput(z.string().trim().min(1).max(limits.maxDescriptionLength), description);
    const key = parseInput(z.string().trim().min(8).max(128), idempotencyKey);
    if (screenshots.length > limits.maxScreenshots) {
      throw new AppFault("BAD_USER_INPUT", { params: { reason: `at most ${limits.maxScreenshots} screenshots` } });
    }
    const checked = screenshots.map((s) => checkScreenshot(s, limits.maxScreenshotBytes));
    return toFeedback(await submitFeedback(ctx.deps, account.id, { description: text, screenshots: checked, idempotencyKey: key }, ctx.now));
  }

  @Query(() => [Feedback], { description: "R-FBK-1: the signed-in citizen's own feedback, newest first." })
  async myFeedback(@Ctx() ctx: PlatformContext): Promise<Feedback[]> {
    const account = await requireCitizenAccount(ctx);
    return (await feedbackOf(ctx.deps, account.id)).map(toFeedback);
  }

  @Query(() => [Feedback], { description: "Officers of province 50: feedback in a status, oldest first." })
  async feedbackQueue(
    @Arg("status", () => FeedbackStatus, { defaultValue: FeedbackStatus.RECEIVED }) status: FeedbackStatus,
    @Arg("limit", () => Int, { defaultValue: 50 }) limit: number,
    @Ctx() ctx: PlatformContext,
  ): Promise<Feedback[]> {
    requireChongqingOfficer(ctx);
    return (await feedbackInStatus(ctx.deps, status, parseInput(z.number().int().min(1).max(500), limit))).map(toFeedback);
  }

  @Mutation(() => Feedback, { description: "Officers of province 50: set a feedback's status." })
  async setFeedbackStatus(
    @Arg("id", () => ID) id: string,
    @Arg("status", () => FeedbackStatus) status: FeedbackStatus,
    @Ctx() ctx: PlatformContext,
  ): Promise<Feedback> {
    requireChongqingOfficer(ctx);
    return toFeedback(await setFeedbackStatus(ctx.deps, parseInput(idSchema, id), status, ctx.now));
  }
}
