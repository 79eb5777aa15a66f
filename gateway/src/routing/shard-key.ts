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
  | {
      readonly ok: false;
      readonly code: "INVALID_VIOLATION_ID" | "INVALID_PROVINCE_CODE";
      readonly message: string;
      /** The catalogue message's placeholder values. */
      readonly params: Readonly<Record<string, string>>;
    };

/** Reads the province a routing value names. */
export function shardKeyOf(kind: RouteKind, value: unknown): ShardKey {
  const [code, params] =
    kind === "violationId"
      ? (["INVALID_VIOLATION_ID", { id: String(value) }] as const)
      : (["INVALID_PROVINCE_CODE", { code: String(value) }] as const);
  if (typeof value !== "string") {
    return { ok: false, code, params, message: `routing value must be a string, got ${value === null ? "null" : typeof value}` };
  }
  const parsed = kind === "violationId" ? parseViolationId(value) : parseProvinceCode(value);
  if (!parsed.ok) return { ok: false, code, params, message: parsed.message };
  return { ok: true, province: typeof parsed.value === "string" ? parsed.value : parsed.value.provinceCode };
}
