import { AppFault } from "@jg/errors";
import { violationCode } from "@jg/provinces";
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { requireReader } from "../auth";
import { type ShardContext } from "../context";
import { ProvinceCodeScalar } from "../graphql/scalars";
import { FineItem, MaintenanceWindow, ObjectionContact, Province } from "./province.type";

/** Province reads: the root field and the language-dependent fields. */
@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => Province, { nullable: true, description: "This shard's province; routed by `code`." })
  async province(@Arg("code", () => ProvinceCodeScalar) code: string, @Ctx() ctx: ShardContext): Promise<Province | null> {
    requireReader(ctx.identity);
    const own = ctx.services.config.provinceCode;
    if (code !== own) throw new AppFault("WRONG_PROVINCE", { params: { province: own }, details: { requested: code } });
    return ctx.services.provinces.get(code);
  }

  @FieldResolver(() => String, { description: "In the request's language." })
  name(@Root() p: Province, @Ctx() ctx: ShardContext): string {
    return ctx.lang === "en" ? p.catalogue.nameEn : p.catalogue.nameZh;
  }

  @FieldResolver(() => String)
  nameZh(@Root() p: Province): string {
    return p.catalogue.nameZh;
  }

  @FieldResolver(() => String)
  nameEn(@Root() p: Province): string {
    return p.catalogue.nameEn;
  }

  @FieldResolver(() => String, { description: "业务须知 to read and accept before handling (R-OPS-2)." })
  businessNotice(@Root() p: Province, @Ctx() ctx: ShardContext): string {
    // Rendered once at start with this shard's configured window (withProvinceOverrides), so the
    // notice never names hours the rules do not apply.
    return ctx.lang === "en" ? p.catalogue.businessNoticeEn : p.catalogue.businessNoticeZh;
  }

  @FieldResolver(() => ObjectionContact, { description: "Disputes go to the occurrence place's traffic police (R-OBJ-1)." })
  objectionContact(@Root() p: Province, @Ctx() ctx: ShardContext): ObjectionContact {
    const o = p.catalogue.objection;
    return Object.assign(new ObjectionContact(), {
      agency: ctx.lang === "en" ? o.agencyEn : o.agencyZh,
      phone: o.phone ?? null,
      address: o.address ?? null,
      source: o.source,
      assumed: o.assumed,
    });
  }

  @FieldResolver(() => MaintenanceWindow, { description: "R-MNT-1: no handling or payment in this nightly window." })
  maintenanceWindow(@Ctx() ctx: ShardContext): MaintenanceWindow {
    const { from, to, assumed, source } = ctx.services.provinces.window;
    return Object.assign(new MaintenanceWindow(), { from, to, timeZone: "Asia/Shanghai", assumed, source });
  }

  @FieldResolver(() => [FineItem], { description: "The schedule in force now (R-OOP-1)." })
  fineSchedule(@Root() p: Province, @Ctx() ctx: ShardContext): FineItem[] {
    return (p.schedule?.items ?? []).map((item) => {
      const entry = violationCode(item.code);
      return Object.assign(new FineItem(), {
        code: item.code,
        description: (ctx.lang === "en" ? entry?.descriptionEn : entry?.descriptionZh) ?? item.code,
        fineYuan: item.fineYuan,
        warningOnly: item.warningOnly,
        simpleProcedure: item.simpleProcedure,
        points: item.points,
        source: item.fineSource,
        assumed: item.assumed,
      });
    });
  }
}
