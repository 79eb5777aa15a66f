import { type Province as CatalogueProvince, type ScheduleVersion } from "@jg/provinces";
import { Directive, Field, Int, ObjectType } from "type-graphql";
import { ProvinceCodeScalar } from "../graphql/scalars";

/** Who hears disputes about the facts of a violation: the occurrence place's traffic police (R-OBJ-1). */
@ObjectType({ simpleResolvers: true, description: "Where to raise a dispute about a violation's facts (R-OBJ-1)." })
export class ObjectionContact {
  @Field(() => String, { description: "In the request's language." })
  agency!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { description: "Where the contact comes from." })
  source!: string;

  @Field(() => Boolean, { description: "True when any part is an assumption rather than a found fact." })
  assumed!: boolean;
}

/** The nightly reconciliation window during which handling and payment are closed (R-MNT-1). */
@ObjectType({ simpleResolvers: true, description: "Nightly window without handling or payment (R-MNT-1), local time." })
export class MaintenanceWindow {
  @Field(() => String, { description: "HH:MM, inclusive." })
  from!: string;

  @Field(() => String, { description: "HH:MM, exclusive; earlier than `from` when it wraps midnight." })
  to!: string;

  @Field(() => String, { description: "IANA zone of the times: Asia/Shanghai." })
  timeZone!: string;

  @Field(() => Boolean, { description: "True when the window is not a found fact for this province (docs/domain-facts.md §9.4)." })
  assumed!: boolean;

  @Field(() => String, { description: "Where the window comes from." })
  source!: string;
}

/** One line of the province's fine schedule (裁量标准) in force. */
@ObjectType({ simpleResolvers: true, description: "One violation code's penalty in this province's schedule in force." })
export class FineItem {
  @Field(() => String)
  code!: string;

  @Field(() => String, { description: "In the request's language." })
  description!: string;

  @Field(() => Int)
  fineYuan!: number;

  @Field(() => Boolean)
  warningOnly!: boolean;

  @Field(() => Boolean, { description: "Warning or at most 200 yuan (R-ELG-1e)." })
  simpleProcedure!: boolean;

  @Field(() => Int)
  points!: number;

  @Field(() => String, { description: "Citation of the figure, or ASSUMED with its range." })
  source!: string;

  @Field(() => Boolean, { description: "True when the figure was NOT FOUND and chosen within the legal range." })
  assumed!: boolean;
}

/**
 * A province as this shard serves it: catalogue facts, the runtime "platform open" setting, and the
 * fine schedule in force. Language-dependent fields are resolved by ProvinceResolver.
 */
@Directive('@key(fields: "code")')
@ObjectType({ simpleResolvers: true, description: "A province: its platform, business notice, objection contact and fine schedule." })
export class Province {
  @Field(() => ProvinceCodeScalar)
  code!: string;

  @Field(() => Boolean, { description: "Whether its internet platform is open (R-ELG-1d)." })
  platformOpen!: boolean;

  @Field(() => String, { nullable: true, description: "Name of the schedule version in force now." })
  scheduleVersion!: string | null;

  /** Not exposed: read by field resolvers. */
  catalogue!: CatalogueProvince;
  schedule!: ScheduleVersion | undefined;
}
