/**
 * Filing mutations and the officers' queue (R-FIL-2..6, R-ELG-2). Citizens apply, release and show
 * their QR code; only officers of Chongqing (province 50) review.
 */
import { AppFault } from "@jg/errors";
import { localizeDenials } from "@jg/province-service/graphql";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { z } from "zod";
import { maskPhone } from "../accounts/registration.type";
import { faceTokenSchema, idSchema, parseInput, smsCodeSchema } from "../accounts/registration.input";
import { requireCitizenAccount } from "../auth/viewer";
import type { PlatformContext } from "../context";
import { FilingMethod } from "../graphql/enums";
import { issueFilingQr } from "./filing-qr";
import { FilingCodeResult, FilingForReview, FilingQrCode, FilingResult } from "./filing-results.type";
import { reviewFiling, reviewQueue } from "./filing-review.service";
import { applyFiling, releaseFiling, requestFilingCode, vehicleOrNotFound, type FilingOutcome } from "./filing.service";
import { Filing, toFiling } from "./filing.type";

const plateSchema = z.string().trim().min(2).max(16);
const noteSchema = z.string().trim().max(500).optional();

/** The officer of province 50 reviewing, or FORBIDDEN (UNAUTHENTICATED when anonymous). */
function requireChongqingOfficer(ctx: PlatformContext): string {
  const { identity } = ctx;
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind !== "OFFICER" || identity.provinceCode !== "50") throw new AppFault("FORBIDDEN");
  return identity.officerId;
}

function toResult(outcome: FilingOutcome, ctx: PlatformContext): FilingResult {
  return Object.assign(new FilingResult(), {
    filing: outcome.filing ? toFiling(outcome.filing) : null,
    denials: outcome.decision.ok ? [] : localizeDenials(outcome.decision.denials, ctx.lang),
  });
}

@Resolver()
export class FilingResolver {
  @Mutation(() => FilingQrCode, { description: "R-FIL-4: the owner's QR code for one of their vehicles (5 minutes)." })
  async filingQrCode(@Arg("plate", () => String) plate: string, @Ctx() ctx: PlatformContext): Promise<FilingQrCode> {
    const account = await requireCitizenAccount(ctx);
    const vehicle = await vehicleOrNotFound(ctx.deps.db, parseInput(plateSchema, plate)).catch(() => null);
    // Someone else's plate answers as an unknown one (issue #10 §3): no existence oracle.
    if (!vehicle || vehicle.ownerKind !== "PERSON" || vehicle.ownerIdNumber !== account.idNumber) throw new AppFault("NOT_FOUND");
    const ttl = ctx.deps.citizen.settings.filingQrTtlSeconds;
    const code = await issueFilingQr(ctx.deps.citizen.codeSecret, vehicle, ctx.now, ttl);
    return Object.assign(new FilingQrCode(), { code, expiresAt: new Date(ctx.now.getTime() + ttl * 1000) });
  }

  @Mutation(() => FilingCodeResult, { description: "R-FIL-5 (SMS to the owner) / R-FIL-6 (COMPANY_SMS to the manager)." })
  async requestFilingCode(
    @Arg("plate", () => String) plate: string,
    @Arg("method", () => FilingMethod) method: FilingMethod,
    @Ctx() ctx: PlatformContext,
  ): Promise<FilingCodeResult> {
    const account = await requireCitizenAccount(ctx);
    if (method === FilingMethod.QR) throw new AppFault("BAD_USER_INPUT", { params: { reason: "a QR filing needs no code" } });
    const sent = await requestFilingCode(ctx.deps, account, { plate: parseInput(plateSchema, plate), method }, ctx.now);
    return Object.assign(new FilingCodeResult(), {
      maskedPhone: sent.phone ? maskPhone(sent.phone) : null,
      expiresAt: sent.expiresAt,
      denials: sent.decision.ok ? [] : localizeDenials(sent.decision.denials, ctx.lang),
    });
  }

  @Mutation(() => FilingResult, { description: "Applies for a filing (R-FIL-2..6): PENDING until an officer reviews. Retry-safe." })
  async applyFiling(
    @Arg("plate", () => String) plate: string,
    @Arg("method", () => FilingMethod) method: FilingMethod,
    @Arg("faceToken", () => String) faceToken: string,
    @Arg("qrCode", () => String, { nullable: true }) qrCode: string | null | undefined,
    @Arg("smsCode", () => String, { nullable: true }) smsCode: string | null | undefined,
    @Ctx() ctx: PlatformContext,
  ): Promise<FilingResult> {
    const account = await requireCitizenAccount(ctx);
    const outcome = await applyFiling(
      ctx.deps,
      account,
      {
        plate: parseInput(plateSchema, plate),
        method,
        faceToken: parseInput(faceTokenSchema, faceToken),
        qrCode: qrCode ? parseInput(z.string().max(2048), qrCode) : undefined,
        smsCode: smsCode ? parseInput(smsCodeSchema, smsCode) : undefined,
      },
      ctx.now,
    );
    return toResult(outcome, ctx);
  }

  @Mutation(() => Filing, { description: "Releases one's own filing (RELEASED). Idempotent." })
  async releaseFiling(@Arg("id", () => ID) id: string, @Ctx() ctx: PlatformContext): Promise<Filing> {
    const account = await requireCitizenAccount(ctx);
    return toFiling(await releaseFiling(ctx.deps, account, parseInput(idSchema, id), ctx.now));
  }

  @Query(() => [FilingForReview], { description: "Officers of province 50: pending filings, oldest first." })
  async filingReviewQueue(@Arg("limit", () => Int, { defaultValue: 50 }) limit: number, @Ctx() ctx: PlatformContext): Promise<FilingForReview[]> {
    requireChongqingOfficer(ctx);
    const rows = await reviewQueue(ctx.deps, parseInput(z.number().int().min(1).max(500), limit));
    return rows.map((r) => Object.assign(new FilingForReview(), { filing: toFiling(r.filing), applicantName: r.applicant.name }));
  }

  @Mutation(() => FilingResult, { description: "Officers of province 50: approve (ACTIVE from now) or reject a pending filing." })
  async reviewFiling(
    @Arg("id", () => ID) id: string,
    @Arg("approve", () => Boolean) approve: boolean,
    @Arg("note", () => String, { nullable: true }) note: string | null | undefined,
    @Ctx() ctx: PlatformContext,
  ): Promise<FilingResult> {
    const officerId = requireChongqingOfficer(ctx);
    const outcome = await reviewFiling(ctx.deps, { id: parseInput(idSchema, id), approve, officerId, note: parseInput(noteSchema, note ?? undefined) }, ctx.now);
    return toResult(outcome, ctx);
  }
}
