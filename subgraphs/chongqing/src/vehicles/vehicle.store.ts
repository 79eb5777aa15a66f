/** Data access for vehicles. */
import { inArray } from "drizzle-orm";
import type { PlatformDb } from "../db/database";
import { vehicles, type VehicleRow } from "../db/schema";

/** Vehicles by plate, one statement for the batch. */
export function vehiclesByPlates(db: PlatformDb, plates: readonly string[]): Promise<VehicleRow[]> {
  if (plates.length === 0) return Promise.resolve([]);
  return db.select().from(vehicles).where(inArray(vehicles.plate, [...plates]));
}
