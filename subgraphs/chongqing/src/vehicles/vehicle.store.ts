/** Data access for vehicles. */
import type { PlatformDb } from "../db/database";
import { inKeys, preparedOnce, textArray } from "@jg/service-kit";
import { toDate } from "../db/rows";
import { vehicles, type VehicleRow } from "../db/schema";

/** Vehicles by plate, one statement for the batch. */
export function vehiclesByPlates(db: PlatformDb, plates: readonly string[]): Promise<VehicleRow[]> {
  if (plates.length === 0) return Promise.resolve([]);
  return preparedOnce(db, "vehicles_by_plates", (d) => d.select().from(vehicles).where(inKeys(vehicles.plate)).prepare("vehicles_by_plates")).execute({ keys: textArray(plates) });
}

/** A vehicles row as `to_jsonb` writes it (snake_case keys, timestamps as ISO text). */
export type VehicleJson = {
  plate: string;
  plate_type: string;
  use_nature: string;
  states: string[];
  owner_kind: "PERSON" | "COMPANY";
  owner_id_number: string;
  owner_name: string;
  owner_phone: string | null;
  manager_phone: string | null;
  registered_at: string;
};

/** The row of a vehicle read as JSON inside a larger statement (authorize's reads, the viewer). */
export function vehicleOfJson(j: VehicleJson): VehicleRow {
  return {
    plate: j.plate,
    plateType: j.plate_type,
    useNature: j.use_nature,
    states: j.states,
    ownerKind: j.owner_kind,
    ownerIdNumber: j.owner_id_number,
    ownerName: j.owner_name,
    ownerPhone: j.owner_phone,
    managerPhone: j.manager_phone,
    registeredAt: toDate(j.registered_at),
  };
}
