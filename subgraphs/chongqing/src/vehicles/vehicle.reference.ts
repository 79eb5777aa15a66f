import { mayReadVehicle } from "../auth/viewer";
import type { PlatformContext } from "../context";
import { toVehicle, type Vehicle } from "./vehicle.type";

/** `_entities` for Vehicle: the same access rule as `Query.vehicle`. */
export async function resolveVehicleReference(ref: { plate: string }, ctx: PlatformContext): Promise<Vehicle | null> {
  if (!(await mayReadVehicle(ctx, String(ref.plate)))) return null;
  const row = await ctx.loaders.vehicle.load(String(ref.plate));
  return row ? toVehicle(row) : null;
}
