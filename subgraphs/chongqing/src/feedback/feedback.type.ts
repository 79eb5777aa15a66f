import { DateTimeScalar } from "@jg/province-service/graphql";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import type { FeedbackWithShots } from "./feedback.service";

export enum FeedbackStatus {
  RECEIVED = "RECEIVED",
  IN_PROGRESS = "IN_PROGRESS",
  RESOLVED = "RESOLVED",
}
registerEnumType(FeedbackStatus, { name: "FeedbackStatus", description: "Where a feedback stands (R-FBK-1)." });

@InputType({ description: "A screenshot: PNG or JPEG bytes as base64, with the declared type (checked against the bytes)." })
export class ScreenshotInput {
  @Field(() => String)
  base64!: string;

  @Field(() => String, { description: "image/png or image/jpeg." })
  mime!: string;
}

@ObjectType({ simpleResolvers: true, description: "A stored screenshot (bytes not included)." })
export class Screenshot {
  @Field(() => Int)
  position!: number;

  @Field(() => String, { description: "The type detected from the bytes." })
  mime!: string;

  @Field(() => Int)
  size!: number;

  @Field(() => String)
  sha256!: string;
}

@ObjectType({ simpleResolvers: true, description: "A citizen's feedback (R-FBK-1)." })
export class Feedback {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  description!: string;

  @Field(() => FeedbackStatus)
  status!: FeedbackStatus;

  @Field(() => [Screenshot])
  screenshots!: Screenshot[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export function toFeedback(f: FeedbackWithShots): Feedback {
  return Object.assign(new Feedback(), {
    id: f.row.id,
    description: f.row.description,
    status: f.row.status as FeedbackStatus,
    screenshots: f.screenshots.map((s) => Object.assign(new Screenshot(), s)),
    createdAt: f.row.createdAt,
    updatedAt: f.row.updatedAt,
  });
}
