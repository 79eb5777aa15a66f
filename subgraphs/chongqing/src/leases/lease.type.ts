import { DateTimeScalar } from "@jg/province-service/graphql";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import type { LeaseDriverRow, LeaseRow, VehicleRow } from "../db/schema";

@ObjectType({ simpleResolvers: true, description: "A person named on a lease (R-ELG-7)." })
export class LeasePerson {
  @Field(() => String)
  idNumber!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ simpleResolvers: true, description: "A rental lease contract written by a partner (R-ELG-7)." })
export class Lease {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  plate!: string;

  @Field(() => LeasePerson)
  lessee!: LeasePerson;

  @Field(() => [LeasePerson])
  temporaryDrivers!: LeasePerson[];

  @Field(() => DateTimeScalar)
  startsAt!: Date;

  @Field(() => DateTimeScalar, { description: "Exclusive end of the lease period." })
  endsAt!: Date;
}

@ObjectType({ simpleResolvers: true, description: "A vehicle of the partner's fleet with its leases." })
export class FleetVehicle {
  @Field(() => String)
  plate!: string;

  @Field(() => String, { description: "号牌种类 code (docs/domain-facts.md §5.2)." })
  plateTypeCode!: string;

  @Field(() => String, { description: "使用性质 code (docs/domain-facts.md §5.3)." })
  useNature!: string;

  @Field(() => [Lease])
  leases!: Lease[];
}

@InputType({ description: "A person named on a lease." })
export class LeasePersonInput {
  @Field(() => String)
  idNumber!: string;

  @Field(() => String)
  name!: string;
}

@InputType({ description: "A lease to write (R-ELG-7): the lessee by account or by ID number and name." })
export class WriteLeaseInput {
  @Field(() => String)
  plate!: string;

  @Field(() => ID, { nullable: true })
  lesseeAccountId?: string | null;

  @Field(() => String, { nullable: true })
  lesseeIdNumber?: string | null;

  @Field(() => String, { nullable: true })
  lesseeName?: string | null;

  @Field(() => [LeasePersonInput], { defaultValue: [] })
  temporaryDrivers!: LeasePersonInput[];

  @Field(() => DateTimeScalar)
  start!: Date;

  @Field(() => DateTimeScalar, { description: "Exclusive end." })
  end!: Date;

  @Field(() => String, { description: "The partner's retry key: the same key answers the same lease." })
  idempotencyKey!: string;
}

export function toLease(row: LeaseRow, drivers: readonly LeaseDriverRow[]): Lease {
  return Object.assign(new Lease(), {
    id: row.id,
    plate: row.plate,
    lessee: Object.assign(new LeasePerson(), { idNumber: row.lesseeIdNumber, name: row.lesseeName }),
    temporaryDrivers: drivers.map((d) => Object.assign(new LeasePerson(), { idNumber: d.idNumber, name: d.name })),
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  });
}

export function toFleetVehicle(vehicle: VehicleRow, leases: Lease[]): FleetVehicle {
  return Object.assign(new FleetVehicle(), { plate: vehicle.plate, plateTypeCode: vehicle.plateType, useNature: vehicle.useNature, leases });
}
