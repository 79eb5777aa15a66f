import DataLoader from "dataloader";
import type { PlatformDb } from "../db/database";
import { oneByKey } from "../db/by-key";
import type { VehicleRow } from "../db/schema";
import { accessOfPeople, type Person, type VehicleAccessRow } from "./vehicle-access";
import { vehiclesByPlates } from "./vehicle.store";

/** Vehicles by plate: one SQL per batch. */
export function createVehicleLoader(db: PlatformDb): DataLoader<string, VehicleRow | null> {
  return new DataLoader(async (plates) => oneByKey(plates, await vehiclesByPlates(db, plates), (row) => row.plate));
}

/** Every relation of each person to vehicles: one SQL statement per batch, whatever its size. */
export function createAccessLoader(db: PlatformDb): DataLoader<Person, VehicleAccessRow[], string> {
  return new DataLoader(
    async (people) => {
      const byAccount = await accessOfPeople(db, people);
      return people.map((p) => byAccount.get(p.accountId) ?? []);
    },
    { cacheKeyFn: (p) => p.accountId },
  );
}
