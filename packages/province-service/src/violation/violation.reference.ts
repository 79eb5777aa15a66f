import { AppFault } from "@jg/errors";
import { requireReader } from "../auth";
import { type ShardContext } from "../context";
import { isOwnViolationId } from "../ownership";
import { toViolation, type Violation } from "./violation.type";

/**
 * `_entities` for Violation: each representation goes through the request's violation loader, so a
 * batch of N keys costs one SQL query. The key's `accessStatement` (the home platform's signed word that
 * the citizen may see it, docs/design.md §8) replaces the round trip of the access check. A key of another province is a routing error of the gateway
 * (WRONG_PROVINCE), reported for that item only.
 */
export async function resolveViolationReference(ref: { id: string; accessStatement?: unknown }, ctx: ShardContext): Promise<Violation | null> {
  requireReader(ctx.identity);
  const code = ctx.services.config.provinceCode;
  if (!isOwnViolationId(String(ref.id), code)) throw new AppFault("WRONG_PROVINCE", { params: { province: code } });
  const row = await ctx.loaders.violation.load(String(ref.id));
  // Someone else's violation resolves like an unknown one (issue #10 §3). The platform's access
  // statement in the representation decides when present (issue 11); else the platform is asked.
  const statement = typeof ref.accessStatement === "string" ? ref.accessStatement : null;
  if (!row || !(await ctx.services.violations.mayView(row, ctx.loaders, statement))) return null;
  return toViolation(row);
}
