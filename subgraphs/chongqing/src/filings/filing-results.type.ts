/** Results of the filing mutations: the filing and, when refused, every denial with its rule ID. */
import { DateTimeScalar, Denial } from "@jg/province-service/graphql";
import { Field, ObjectType } from "type-graphql";
import { Filing } from "./filing.type";

@ObjectType({ simpleResolvers: true, description: "A filing application or review: the filing, or why it was refused (R-FIL-2..6, R-ELG-2)." })
export class FilingResult {
  @Field(() => Filing, { nullable: true })
  filing!: Filing | null;

  @Field(() => [Denial])
  denials!: Denial[];
}

@ObjectType({ simpleResolvers: true, description: "A filing code was sent to the owner's or manager's phone (R-FIL-5, R-FIL-6), or refused." })
export class FilingCodeResult {
  @Field(() => String, { nullable: true })
  maskedPhone!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => [Denial])
  denials!: Denial[];
}

@ObjectType({ simpleResolvers: true, description: "The owner's filing QR code (R-FIL-4): show it to the applicant to scan." })
export class FilingQrCode {
  @Field(() => String)
  code!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;
}

@ObjectType({ simpleResolvers: true, description: "A pending filing in the officers' review queue." })
export class FilingForReview {
  @Field(() => Filing)
  filing!: Filing;

  @Field(() => String)
  applicantName!: string;
}
