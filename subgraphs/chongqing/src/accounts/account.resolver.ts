import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { requireCitizenViewer } from "../auth/viewer";
import type { PlatformContext } from "../context";
import { Filing, toFiling } from "../filings/filing.type";
import { loadLicenceView } from "../licences/licence.loader";
import { DrivingLicence, toDrivingLicence } from "../licences/licence.type";
import { type VehicleRelation } from "../graphql/enums";
import { personOf } from "../vehicles/vehicle-access";
import { VehicleAccess } from "../vehicles/vehicle.type";
import { Account, toAccount } from "./account.type";

/** `Query.me` and the fields of `Account`. Reaching an Account at all is already authorized (me, or the reference resolver). */
@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: "The signed-in citizen's account." })
  async me(@Ctx() ctx: PlatformContext): Promise<Account | null> {
    return toAccount(await requireCitizenViewer(ctx));
  }

  @FieldResolver(() => DrivingLicence, { nullable: true })
  async licence(@Root() account: Account, @Ctx() ctx: PlatformContext): Promise<DrivingLicence | null> {
    const view = await loadLicenceView(ctx.loaders, account.idNumber, ctx.now);
    return view ? toDrivingLicence(view) : null;
  }

  @FieldResolver(() => [VehicleAccess], { description: "Own vehicles (R-FIL-1), active filings and leases (R-ELG-7)." })
  async vehicles(@Root() account: Account, @Ctx() ctx: PlatformContext): Promise<VehicleAccess[]> {
    const rows = await ctx.loaders.access.load(personOf(account));
    return rows.map((row) =>
      Object.assign(new VehicleAccess(), { plate: row.plate, relation: row.relation as VehicleRelation, since: row.since, until: row.until }),
    );
  }

  @FieldResolver(() => [Filing], { description: "Every filing of the account, newest first." })
  async filings(@Root() account: Account, @Ctx() ctx: PlatformContext): Promise<Filing[]> {
    return (await ctx.loaders.filingsByAccount.load(account.id)).map(toFiling);
  }
}
