import { DateTimeScalar } from "@jg/province-service/graphql";
import { Directive, Field, ObjectType } from "type-graphql";
import type { VehicleRow } from "../db/schema";
import { PlateType, UseNature, VehicleRelation, VehicleState } from "../graphql/enums";

/** A vehicle registered in Chongqing (docs/design.md §7). */
@Directive('@key(fields: "plate")')
@ObjectType({ simpleResolvers: true, description: "A vehicle registered in Chongqing." })
export class Vehicle {
  @Field(() => String)
  plate!: string;

  @Field(() => PlateType)
  plateType!: PlateType;

  @Field(() => UseNature)
  useNature!: string;

  @Field(() => VehicleState, { description: "The most significant state: the first that is not A 正常, else A." })
  state!: string;

  @Field(() => [VehicleState], { description: "Every state the vehicle is in." })
  states!: string[];
}

export function toVehicle(row: VehicleRow): Vehicle {
  return Object.assign(new Vehicle(), {
    plate: row.plate,
    plateType: row.plateType as PlateType,
    useNature: row.useNature,
    state: row.states.find((s) => s !== "A") ?? "A",
    states: row.states,
  });
}

/** How the account reaches a vehicle, and since/until when (docs/design.md §7). */
@ObjectType({ simpleResolvers: true, description: "A vehicle the account owns, filed or leases." })
export class VehicleAccess {
  /** Resolved by VehicleAccessResolver through the vehicle loader. */
  plate!: string;

  @Field(() => VehicleRelation)
  relation!: VehicleRelation;

  @Field(() => DateTimeScalar)
  since!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "End of a lease; null for an open-ended relation." })
  until!: Date | null;
}
