/**
 * Registration prerequisites: the verification steps an account needs before it may act.
 * - R-REG-1 (app): choose the province, enter personal data, grant permissions, pass face recognition,
 *   pass the SMS code, set a fingerprint or gesture lock;
 * - R-REG-2 (website): fill in user data, choose the user type, pass the SMS code.
 */
import { decide, deny } from "./denial";
import { type Decision } from "./types";

/** Where the user registers. */
export type RegistrationChannel = "APP" | "WEB";

/** Every registration step, in the manual's order (R-REG-1 app, then R-REG-2 web); the GraphQL enum is built from it. */
export const REGISTRATION_STEPS = ["PROVINCE", "PERSONAL_DATA", "PERMISSIONS", "FACE", "SMS", "LOCK", "USER_DATA", "USER_TYPE"] as const;

/** One step of a registration. */
export type Step = (typeof REGISTRATION_STEPS)[number];

const STEPS: Record<RegistrationChannel, readonly Step[]> = {
  APP: ["PROVINCE", "PERSONAL_DATA", "PERMISSIONS", "FACE", "SMS", "LOCK"],
  WEB: ["USER_DATA", "USER_TYPE", "SMS"],
};

/** Names of the steps as the manual gives them (original §二, docs/rules.md) and in English. */
export const STEP_NAMES: Record<Step, { zh: string; en: string }> = {
  PROVINCE: { zh: "选择省份", en: "choose the province" },
  PERSONAL_DATA: { zh: "输入信息", en: "enter personal data" },
  PERMISSIONS: { zh: "设置权限", en: "grant permissions" },
  FACE: { zh: "人脸识别", en: "face recognition" },
  SMS: { zh: "短信验证", en: "SMS verification" },
  LOCK: { zh: "设置指纹或手势", en: "set a fingerprint or gesture lock" },
  USER_DATA: { zh: "填写用户信息", en: "fill in user data" },
  USER_TYPE: { zh: "选择用户类型", en: "choose the user type" },
};

/** The steps of a channel, in order (R-REG-1 for APP, R-REG-2 for WEB). */
export function registrationSteps(channel: RegistrationChannel): Step[] {
  return [...STEPS[channel]];
}

/** Is the registration complete? Lists a denial for every missing step, in the manual's order. */
export function decideRegistrationComplete(channel: RegistrationChannel, completedSteps: readonly Step[]): Decision {
  const code = channel === "APP" ? "APP_REGISTRATION_STEP_MISSING" : "WEB_REGISTRATION_STEP_MISSING";
  const missing = STEPS[channel].filter((step) => !completedSteps.includes(step));
  return decide(missing.map((step) => deny(code, { step: STEP_NAMES[step] })));
}
