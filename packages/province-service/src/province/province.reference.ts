import { AppFault } from "@jg/errors";
import { requireReader } from "../auth";
import { type ShardContext } from "../context";
import { toGraphQLError } from "../graphql/errors";
import { type Province } from "./province.type";

/** `_entities` for Province: batched through the settings loader (one SQL query per batch). */
export async function resolveProvinceReference(ref: { code: string }, ctx: ShardContext): Promise<Province | null> {
  try {
    requireReader(ctx.identity);
    const own = ctx.services.config.provinceCode;
    if (String(ref.code) !== own) throw new AppFault("WRONG_PROVINCE", { params: { province: own } });
    return await ctx.services.provinces.get(own, ctx.loaders);
  } catch (err) {
    throw toGraphQLError(err, ctx.lang, ctx.services.logger);
  }
}
