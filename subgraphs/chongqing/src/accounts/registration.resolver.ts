/**
 * Registration and sign-in mutations (R-REG-1, R-REG-2). All are open to anonymous callers (that is who
 * registers); every input is validated with zod. The development SMS codes are not in this graph: see
 * the internal route `GET /internal/dev/sms-codes` (src/handoff/internal-routes.ts).
 */
import { AppFault } from "@jg/errors";
import { Arg, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from "type-graphql";
import { z } from "zod";
import type { PlatformContext } from "../context";
import { toAccount } from "./account.type";
import { faceTokenSchema, idSchema, nameSchema, parseInput, personIdSchema, phoneSchema, smsCodeSchema } from "./registration.input";
import {
  completeRegistration,
  confirmDeviceSteps,
  openRegistration,
  sendRegistrationCode,
  startRegistration,
  verifyRegistrationCode,
  verifyRegistrationFace,
  type StartInput,
} from "./registration.service";
import {
  maskPhone,
  Registration,
  RegistrationChannel,
  RegistrationStep,
  SignInResult,
  SmsCodeSent,
  SmsPurpose,
  toRegistration,
  UserType,
} from "./registration.type";
import { sendSignInCode, signIn, tokenFor } from "./sign-in.service";

@InputType({ description: "APP (R-REG-1): provinceCode, name, idNumber. WEB (R-REG-2): name, idNumber, userType." })
export class StartRegistrationInput {
  @Field(() => RegistrationChannel)
  channel!: RegistrationChannel;

  @Field(() => String)
  phone!: string;

  @Field(() => String, { nullable: true })
  provinceCode?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "身份证号码, or a company's unified social credit code (WEB, COMPANY)." })
  idNumber!: string;

  @Field(() => UserType, { nullable: true })
  userType?: UserType | null;
}

const startSchema = z.discriminatedUnion("channel", [
  z.object({ channel: z.literal("APP"), phone: phoneSchema, provinceCode: z.string().regex(/^\d{2}$/), name: nameSchema, idNumber: personIdSchema }),
  z.object({
    channel: z.literal("WEB"),
    phone: phoneSchema,
    name: nameSchema,
    idNumber: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{18}$/, "ID number or credit code must be 18 characters"),
    userType: z.enum(["PERSON", "COMPANY"]),
  }),
]);

const deviceStepsSchema = z.array(z.enum(["PERMISSIONS", "LOCK"])).min(1).max(2);

@Resolver()
export class RegistrationResolver {
  @Mutation(() => Registration, { description: "Starts a registration (R-REG-1 app, R-REG-2 web)." })
  async startRegistration(@Arg("input", () => StartRegistrationInput) input: StartRegistrationInput, @Ctx() ctx: PlatformContext): Promise<Registration> {
    const parsed = parseInput(startSchema, { ...input, provinceCode: input.provinceCode ?? undefined, userType: input.userType ?? undefined }) as StartInput;
    return toRegistration(await startRegistration(ctx.deps, parsed, ctx.now));
  }

  @Query(() => Registration, { nullable: true, description: "An open registration by its ID (the client's handle)." })
  async registration(@Arg("id", () => ID) id: string, @Ctx() ctx: PlatformContext): Promise<Registration | null> {
    try {
      return toRegistration(await openRegistration(ctx.deps.db, parseInput(idSchema, id)));
    } catch (err) {
      if (err instanceof AppFault && err.code === "NOT_FOUND") return null;
      throw err;
    }
  }

  @Mutation(() => Registration, { description: "R-REG-1: the app reports permissions granted and the lock set." })
  async confirmDeviceSteps(
    @Arg("registrationId", () => ID) registrationId: string,
    @Arg("steps", () => [RegistrationStep]) steps: RegistrationStep[],
    @Ctx() ctx: PlatformContext,
  ): Promise<Registration> {
    return toRegistration(await confirmDeviceSteps(ctx.deps, parseInput(idSchema, registrationId), parseInput(deviceStepsSchema, steps)));
  }

  @Mutation(() => Registration, { description: "R-REG-1: face recognition." })
  async verifyFace(
    @Arg("registrationId", () => ID) registrationId: string,
    @Arg("faceToken", () => String) faceToken: string,
    @Ctx() ctx: PlatformContext,
  ): Promise<Registration> {
    return toRegistration(await verifyRegistrationFace(ctx.deps, parseInput(idSchema, registrationId), parseInput(faceTokenSchema, faceToken)));
  }

  @Mutation(() => SmsCodeSent, { description: "Sends an SMS code: REGISTRATION (with registrationId) or SIGN_IN." })
  async requestSmsCode(
    @Arg("phone", () => String) phone: string,
    @Arg("purpose", () => SmsPurpose) purpose: SmsPurpose,
    @Arg("registrationId", () => ID, { nullable: true }) registrationId: string | null | undefined,
    @Ctx() ctx: PlatformContext,
  ): Promise<SmsCodeSent> {
    const p = parseInput(phoneSchema, phone);
    let expiresAt: Date;
    if (purpose === SmsPurpose.REGISTRATION) {
      if (!registrationId) throw new AppFault("BAD_USER_INPUT", { params: { reason: "registrationId is required for a registration code" } });
      expiresAt = await sendRegistrationCode(ctx.deps, parseInput(idSchema, registrationId), p, ctx.now);
    } else {
      expiresAt = await sendSignInCode(ctx.deps, p, ctx.now);
    }
    return Object.assign(new SmsCodeSent(), { maskedPhone: maskPhone(p), expiresAt });
  }

  @Mutation(() => Registration, { description: "R-REG-1, R-REG-2: the SMS step of a registration." })
  async verifySmsCode(
    @Arg("registrationId", () => ID) registrationId: string,
    @Arg("code", () => String) code: string,
    @Ctx() ctx: PlatformContext,
  ): Promise<Registration> {
    return toRegistration(await verifyRegistrationCode(ctx.deps, parseInput(idSchema, registrationId), parseInput(smsCodeSchema, code), ctx.now));
  }

  @Mutation(() => SignInResult, { description: "Creates the account once every step passed; signs it in. Idempotent." })
  async completeRegistration(@Arg("registrationId", () => ID) registrationId: string, @Ctx() ctx: PlatformContext): Promise<SignInResult> {
    const account = await completeRegistration(ctx.deps, parseInput(idSchema, registrationId), ctx.now);
    return Object.assign(new SignInResult(), { ...(await tokenFor(ctx.deps, account, ctx.now)), account: toAccount(account) });
  }

  @Mutation(() => SignInResult, { description: "Signs in with the phone and a SIGN_IN SMS code." })
  async signIn(@Arg("phone", () => String) phone: string, @Arg("smsCode", () => String) smsCode: string, @Ctx() ctx: PlatformContext): Promise<SignInResult> {
    const account = await signIn(ctx.deps, parseInput(phoneSchema, phone), parseInput(smsCodeSchema, smsCode), ctx.now);
    return Object.assign(new SignInResult(), { ...(await tokenFor(ctx.deps, account, ctx.now)), account: toAccount(account) });
  }
}
