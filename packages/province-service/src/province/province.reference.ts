import { AppFault } from "@jg/errors";
import { requireReader } from "../auth";
import { type ShardContext } from "../context";
import { type Province } from "./province.type";

/** `_entities` for Province: the settings as this shard keeps them in memory (ProvinceService). */
export async function resolveProvinceReference(ref: { code: string }, ctx: ShardContext): Promise<Province | null> {
  requireReader(ctx.identity);
  const own = ctx.services.config.provinceCode;
  if (String(ref.code) !== own) throw new AppFault("WRONG_PROVINCE", { params: { province: own } });
  return await ctx.services.provinces.get(own);
}
