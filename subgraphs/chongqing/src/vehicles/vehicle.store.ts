/** Data access for vehicles. */
import type { PlatformDb } from "../db/database";
import { inKeys, preparedOnce, textArray } from "@jg/service-kit";
import { vehicles, type VehicleRow } from "../db/schema";

/** Vehicles by plate, one statement for the batch. */
export function vehiclesByPlates(db: PlatformDb, plates: readonly string[]): Promise<VehicleRow[]> {
  if (plates.length === 0) return Promise.resolve([]);
  return preparedOnce(db, "vehicles_by_plates", (d) => d.select().from(vehicles).where(inKeys(vehicles.plate)).prepare("vehicles_by_plates")).execute({ keys: textArray(plates) });
}
