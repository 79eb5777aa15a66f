/**
 * `FleetVehicle.violations` (issue 18, decision in docs/design.md §11): a rental partner reads its
 * fleet's violations from the home platform's index, each with the lease it falls in. `partnerFleet`
 * already limits the vehicles to the partner's own.
 */
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { PlatformContext } from "../context";
import { FleetVehicle } from "../leases/lease.type";
import { fleetViolationData, leaseAt } from "./fleet-violation";
import { FleetViolation, toFleetViolation } from "./fleet-violation.type";

@Resolver(() => FleetVehicle)
export class FleetViolationResolver {
  @FieldResolver(() => [FleetViolation], { description: "The vehicle's violations from every province, newest first, each with the lease it falls in." })
  async violations(@Root() vehicle: FleetVehicle, @Ctx() ctx: PlatformContext): Promise<FleetViolation[]> {
    const rows = await ctx.loaders.violationsByPlate.load(vehicle.plate);
    return rows.map((row) => {
      const lease = leaseAt(vehicle.leases, row.occurredAt);
      const data = fleetViolationData(row, lease ? { id: lease.id, lesseeIdNumber: lease.lessee.idNumber, lesseeName: lease.lessee.name, startsAt: lease.startsAt, endsAt: lease.endsAt } : null);
      return toFleetViolation(data, lease);
    });
  }
}
