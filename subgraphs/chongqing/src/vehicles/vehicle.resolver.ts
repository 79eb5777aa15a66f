import { ViolationStatus } from "@jg/province-service/graphql";
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { accessStatementOf, mayReadVehicle, violationTimeFilter } from "../auth/viewer";
import type { PlatformContext } from "../context";
import { Violation, violationRef } from "../violations/violation.type";
import { toVehicle, Vehicle, VehicleAccess } from "./vehicle.type";

/** `Query.vehicle` and `Vehicle.violations`. */
@Resolver(() => Vehicle)
export class VehicleResolver {
  @Query(() => Vehicle, { nullable: true, description: "A vehicle: its owner, filed drivers, lessees, officers or its rental partner only; null for anyone else, as for an unknown plate." })
  async vehicle(@Arg("plate", () => String) plate: string, @Ctx() ctx: PlatformContext): Promise<Vehicle | null> {
    // Someone else's vehicle is null, like an unknown plate (issue #10 §3).
    if (!(await mayReadVehicle(ctx, plate))) return null;
    const row = await ctx.loaders.vehicle.load(plate);
    return row ? toVehicle(row) : null;
  }

  // Items are nullable on purpose: each violation is resolved by its own province's shard, and one
  // province's outage must null only its own items (PROVINCE_UNAVAILABLE), not the whole list and,
  // through non-null parents, the whole `me` (docs/design.md §3).
  @FieldResolver(() => [Violation], {
    nullable: "items",
    description:
      "Every province's violations of the vehicle, newest first, from the home platform's index (docs/design.md §4). " +
      "An item is null (with a PROVINCE_UNAVAILABLE error at its path) while its province cannot answer. " +
      "The status filter uses the last status the home platform heard of, which may lag (R-SYNC-2). " +
      "A lessee or temporary driver sees only those that occurred during their leases (R-ELG-7).",
  })
  async violations(
    @Root() vehicle: Vehicle,
    @Arg("status", () => ViolationStatus, { nullable: true }) status: ViolationStatus | null,
    @Ctx() ctx: PlatformContext,
  ): Promise<Violation[]> {
    const [rows, visible] = await Promise.all([ctx.loaders.violationsByPlate.load(vehicle.plate), violationTimeFilter(ctx, vehicle.plate)]);
    const kept = rows.filter((row) => (!status || row.status === status) && visible(row.occurredAt));
    if (kept.length === 0) return [];
    // One signed statement per vehicle, in every reference: the shards check it instead of asking (issue 11).
    const statement = await accessStatementOf(ctx, vehicle.plate);
    return kept.map((row) => violationRef(row.violationId, statement));
  }
}

/** `VehicleAccess.vehicle` through the vehicle loader. */
@Resolver(() => VehicleAccess)
export class VehicleAccessResolver {
  @FieldResolver(() => Vehicle)
  async vehicle(@Root() access: VehicleAccess, @Ctx() ctx: PlatformContext): Promise<Vehicle> {
    const row = await ctx.loaders.vehicle.load(access.plate);
    if (!row) throw new Error(`vehicle ${access.plate} of a relation is missing`);
    return toVehicle(row);
  }
}
