import { AppFault } from "@jg/errors";
import { parseViolationId } from "@jg/provinces";

/**
 * Checks that a violation ID is well formed and recorded in this shard's province. A malformed ID is
 * INVALID_VIOLATION_ID; an ID of another province is WRONG_PROVINCE (the gateway routed it wrongly).
 */
export function requireOwnViolationId(id: string, provinceCode: string): string {
  const parsed = parseViolationId(id);
  if (!parsed.ok) throw new AppFault("INVALID_VIOLATION_ID", { params: { id }, details: { reason: parsed.message } });
  if (parsed.value.provinceCode !== provinceCode) {
    throw new AppFault("WRONG_PROVINCE", { params: { province: provinceCode }, details: { owner: parsed.value.provinceCode } });
  }
  return parsed.value.id;
}

/** Like {@link requireOwnViolationId} but answers false instead of throwing (entity resolution). */
export function isOwnViolationId(id: string, provinceCode: string): boolean {
  const parsed = parseViolationId(id);
  return parsed.ok && parsed.value.provinceCode === provinceCode;
}
