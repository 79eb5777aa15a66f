import { CODES, messageFor, type DenialCode, type Lang, type MessageParams } from "@jg/errors";
import { type Decision, type Denial } from "./types";

/** A message parameter: the same value in both languages, or one value per language. */
export type DenialParam = string | number | { zh: string; en: string };

function paramsIn(lang: Lang, params: Readonly<Record<string, DenialParam>>): MessageParams {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) out[name] = typeof value === "object" ? value[lang] : value;
  return out;
}

/**
 * A denial of `code`, with its rule ID and both messages taken from the one catalogue (@jg/errors).
 * A parameter may differ per language (`{ zh: "人脸识别", en: "face recognition" }`).
 */
export function deny(code: DenialCode, params?: Readonly<Record<string, DenialParam>>): Denial {
  return {
    code,
    ruleId: CODES[code].ruleId,
    message: {
      zh: messageFor(code, "zh", params && paramsIn("zh", params)),
      en: messageFor(code, "en", params && paramsIn("en", params)),
    },
  };
}

/**
 * The decision for a list of denials: allowed when there is none, otherwise refused with all of them,
 * exact duplicates (same code and same message) removed, first occurrence kept, order preserved. Two
 * denials of one code with different parameters (two missing registration steps) both stay.
 */
export function decide(denials: readonly Denial[]): Decision {
  if (denials.length === 0) return { ok: true };
  const seen = new Set<string>();
  const unique: Denial[] = [];
  for (const denial of denials) {
    const key = `${denial.code}\u0000${denial.message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(denial);
  }
  return { ok: false, denials: unique };
}

/** The denials of a decision (empty when allowed). */
export function denialsOf(decision: Decision): Denial[] {
  return decision.ok ? [] : decision.denials;
}

/** The codes of a decision's denials, in order (handy for logs and tests). */
export function codesOf(decision: Decision): DenialCode[] {
  return denialsOf(decision).map((denial) => denial.code);
}
