import { DateTimeScalar, ViolationPenalty, type ViolationStatus } from "@jg/province-service/graphql";
import type { FleetViolationData } from "@jg/webhooks";
import { Field, ID, ObjectType } from "type-graphql";
import { Lease } from "../leases/lease.type";

@ObjectType({
  simpleResolvers: true,
  description:
    "A violation of a partner's fleet vehicle as the home platform last heard of it (R-SYNC-2: it may lag the province), " +
    "with the lease it falls in. The same facts as the webhook events' `data`.",
})
export class FleetViolation extends ViolationPenalty {
  @Field(() => ID)
  violationId!: string;

  @Field(() => String)
  provinceCode!: string;

  @Field(() => String, { description: "违法代码." })
  code!: string;

  @Field(() => String)
  descriptionZh!: string;

  @Field(() => String)
  descriptionEn!: string;

  @Field(() => String)
  location!: string;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;

  @Field(() => Lease, { nullable: true, description: "The lease in force when it occurred (R-ELG-7: its lessee and drivers may handle it); null: none." })
  lease!: Lease | null;
}

export function toFleetViolation(data: FleetViolationData, lease: Lease | null): FleetViolation {
  return Object.assign(new FleetViolation(), {
    violationId: data.violationId,
    provinceCode: data.provinceCode,
    code: data.code,
    descriptionZh: data.descriptionZh,
    descriptionEn: data.descriptionEn,
    location: data.location,
    occurredAt: new Date(data.occurredAt),
    fineYuan: data.fineYuan,
    points: data.points,
    warningOnly: data.warningOnly,
    status: data.status as ViolationStatus,
    lease,
  });
}
