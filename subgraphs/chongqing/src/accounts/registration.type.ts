import { DateTimeScalar } from "@jg/province-service/graphql";
import { REGISTRATION_STEPS, registrationSteps, type RegistrationChannel as Channel, type Step } from "@jg/rules";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { RegistrationRow } from "../db/schema";
import { Account } from "./account.type";

export enum RegistrationChannel {
  APP = "APP",
  WEB = "WEB",
}

/** The registration steps of @jg/rules as a GraphQL enum (the list is defined once, there). */
export const RegistrationStep = Object.fromEntries(REGISTRATION_STEPS.map((step) => [step, step])) as { readonly [S in Step]: S };
export type RegistrationStep = Step;

export enum SmsPurpose {
  REGISTRATION = "REGISTRATION",
  SIGN_IN = "SIGN_IN",
}

export enum UserType {
  PERSON = "PERSON",
  COMPANY = "COMPANY",
}

registerEnumType(RegistrationChannel, { name: "RegistrationChannel", description: "APP (R-REG-1) or WEB (R-REG-2)." });
registerEnumType(RegistrationStep, { name: "RegistrationStep", description: "A registration step (R-REG-1, R-REG-2)." });
registerEnumType(SmsPurpose, { name: "SmsPurpose", description: "What an SMS code is requested for." });
registerEnumType(UserType, { name: "UserType", description: "R-REG-2 user type." });

/** A registration in progress: its steps, those passed and those missing (R-REG-1, R-REG-2). */
@ObjectType({ simpleResolvers: true, description: "A registration in progress (R-REG-1 app, R-REG-2 web)." })
export class Registration {
  @Field(() => ID)
  id!: string;

  @Field(() => RegistrationChannel)
  channel!: RegistrationChannel;

  @Field(() => [RegistrationStep], { description: "Every step of the channel, in the manual's order." })
  steps!: RegistrationStep[];

  @Field(() => [RegistrationStep])
  completedSteps!: RegistrationStep[];

  @Field(() => [RegistrationStep])
  missingSteps!: RegistrationStep[];

  @Field(() => Boolean)
  completed!: boolean;
}

export function toRegistration(row: RegistrationRow): Registration {
  const steps = registrationSteps(row.channel as Channel);
  const done = row.completedSteps as Step[];
  return Object.assign(new Registration(), {
    id: row.id,
    channel: row.channel as RegistrationChannel,
    steps: steps as RegistrationStep[],
    completedSteps: steps.filter((s) => done.includes(s)) as RegistrationStep[],
    missingSteps: steps.filter((s) => !done.includes(s)) as RegistrationStep[],
    completed: row.accountId !== null,
  });
}

/** Where a code was sent (masked) and until when it is valid. */
@ObjectType({ simpleResolvers: true, description: "An SMS code was sent: to which (masked) phone, valid until when." })
export class SmsCodeSent {
  @Field(() => String)
  maskedPhone!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;
}

/** A bearer token for the gateway and the signed-in account. */
@ObjectType({ simpleResolvers: true, description: "A sign-in: the bearer token to present to the gateway, and the account." })
export class SignInResult {
  @Field(() => String)
  token!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => Account)
  account!: Account;
}

/** 138****5678. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
