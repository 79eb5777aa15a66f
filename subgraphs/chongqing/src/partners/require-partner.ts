import { AppFault } from "@jg/errors";
import type { PlatformContext } from "../context";
import type { PartnerRow } from "../db/schema";

/** The calling rental partner's row, or UNAUTHENTICATED (no identity) / FORBIDDEN (not a partner). */
export async function requirePartner(ctx: PlatformContext): Promise<PartnerRow> {
  const { identity } = ctx;
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind !== "PARTNER") throw new AppFault("FORBIDDEN");
  const partner = await ctx.loaders.partner.load(identity.partnerId);
  if (!partner) throw new AppFault("FORBIDDEN");
  return partner;
}
