import { AppFault } from "@jg/errors";
import { requireReader } from "../auth";
import { type ShardContext } from "../context";
import { isOwnViolationId } from "../ownership";
import { toViolation, type Violation } from "./violation.type";

/**
 * `_entities` for Violation: each representation goes through the request's violation loader, so a
 * batch of N keys costs one SQL query. A key of another province is a routing error of the gateway
 * (WRONG_PROVINCE), reported for that item only.
 */
export async function resolveViolationReference(ref: { id: string }, ctx: ShardContext): Promise<Violation | null> {
  requireReader(ctx.identity);
  const code = ctx.services.config.provinceCode;
  if (!isOwnViolationId(String(ref.id), code)) throw new AppFault("WRONG_PROVINCE", { params: { province: code } });
  const row = await ctx.loaders.violation.load(String(ref.id));
  // Someone else's violation resolves like an unknown one (issue #10 §3).
  if (!row || !(await ctx.services.violations.mayView(row, ctx.loaders))) return null;
  return toViolation(row);
}
