/**
 * A rental partner's fleet (R-ELG-7), defined once: every company vehicle whose owner ID number is the
 * partner's unified social credit code. `ownsVehicle` is the rule for one partner and one vehicle in hand
 * (who may read a vehicle, who may lease it out); `fleetOwner` is the same rule as an SQL condition
 * joining `vehicles` to `partners` (the webhook events' targets, a partner's fleet list). One module, so
 * the two forms cannot drift apart (test/fleet.test.ts checks that they agree).
 */
import { and, eq, type SQL } from "drizzle-orm";
import { partners, vehicles, type PartnerRow, type VehicleRow } from "../db/schema";

/** Whether the vehicle is in the partner's fleet; false when either is unknown. */
export function ownsVehicle(partner: Pick<PartnerRow, "creditCode"> | undefined, vehicle: Pick<VehicleRow, "ownerKind" | "ownerIdNumber"> | undefined): boolean {
  return partner !== undefined && vehicle !== undefined && vehicle.ownerKind === "COMPANY" && vehicle.ownerIdNumber === partner.creditCode;
}

/**
 * The rule in SQL: `vehicles` rows owned by the partner of `creditCode`, a value (one partner's fleet) or
 * the `partners.credit_code` column (default: a join condition from `vehicles` to `partners`).
 */
export function fleetOwner(creditCode: string | typeof partners.creditCode = partners.creditCode): SQL {
  return and(eq(vehicles.ownerKind, "COMPANY"), eq(vehicles.ownerIdNumber, creditCode))!;
}
