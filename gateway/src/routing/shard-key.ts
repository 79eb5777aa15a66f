/**
 * From a routing value to a province code. A value that is not a well-formed ID or code is the
 * client's input error (INVALID_VIOLATION_ID / INVALID_PROVINCE_CODE); whether a shard serves that
 * province is the directory's question, answered later (PROVINCE_UNKNOWN).
 */
import { parseProvinceCode, parseViolationId } from "@jg/provinces";
import type { RouteKind } from "./route-table";

/** A province code, or why the value names none. */
export type ShardKey =
  | { readonly ok: true; readonly province: string }
  | { readonly ok: false; readonly code: "INVALID_VIOLATION_ID" | "INVALID_PROVINCE_CODE"; readonly message: string };

/** Reads the province a routing value names. */
export function shardKeyOf(kind: RouteKind, value: unknown): ShardKey {
  if (typeof value !== "string") {
    const code = kind === "violationId" ? "INVALID_VIOLATION_ID" : "INVALID_PROVINCE_CODE";
    return { ok: false, code, message: `routing value must be a string, got ${value === null ? "null" : typeof value}` };
  }
  if (kind === "violationId") {
    const parsed = parseViolationId(value);
    return parsed.ok ? { ok: true, province: parsed.value.provinceCode } : { ok: false, code: "INVALID_VIOLATION_ID", message: parsed.message };
  }
  const parsed = parseProvinceCode(value);
  return parsed.ok ? { ok: true, province: parsed.value } : { ok: false, code: "INVALID_PROVINCE_CODE", message: parsed.message };
}
