/**
 * Input validation of the account mutations (zod): phone numbers, ID numbers, names, codes. A bad
 * input is refused with BAD_USER_INPUT naming the field.
 */
import { parsedInput } from "@jg/errors";
import { z } from "zod";

/** A mainland mobile number: 11 digits starting with 1. */
export const phoneSchema = z.string().trim().regex(/^1\d{10}$/, "phone must be 11 digits starting with 1");
/** 身份证号码: 17 digits and a digit or X. */
export const personIdSchema = z.string().trim().toUpperCase().regex(/^\d{17}[\dX]$/, "ID number must be 18 characters");
export const nameSchema = z.string().trim().min(1).max(60);
export const smsCodeSchema = z.string().trim().regex(/^\d{6}$/, "an SMS code is 6 digits");
export const idSchema = z.string().trim().min(1).max(64);
export const faceTokenSchema = z.string().min(1).max(4096);

/** Parses `value` or throws BAD_USER_INPUT naming the issues (@jg/errors' `parsedInput`). */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  return parsedInput(schema, value);
}
