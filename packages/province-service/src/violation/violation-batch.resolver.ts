import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { type ShardContext } from "../context";
import { ProvinceCodeScalar } from "../graphql/scalars";
import { MAX_BATCH_RECORDS } from "./violation-batch.service";
import { ViolationRecordInput } from "./violation.input";
import { RecordOutcome, RecordRefusal, RecordViolationsItem, RecordViolationsResult } from "./violation-batch.result";
import { toViolation } from "./violation.type";

/** recordViolations: thin, the batch service decides (docs/style.md practice 3). */
@Resolver()
export class ViolationBatchResolver {
  @Mutation(() => RecordViolationsResult, {
    description:
      `A camera system's (or an officer's) batch of 1 to ${MAX_BATCH_RECORDS} records of this province, routed by \`province\`; ` +
      "answered per record, idempotent on each record's sourceRecordKey. HANDOFF_BACKLOG (retry after extensions.retryAfter seconds) while the handoff to the home platform lags.",
  })
  async recordViolations(
    @Arg("province", () => ProvinceCodeScalar) province: string,
    @Arg("records", () => [ViolationRecordInput]) records: ViolationRecordInput[],
    @Ctx() ctx: ShardContext,
  ): Promise<RecordViolationsResult> {
    const answers = await ctx.services.violationBatches.record(ctx.identity, province, records);
    const items = answers.map((a) =>
      Object.assign(new RecordViolationsItem(), {
        index: a.index,
        sourceRecordKey: a.sourceRecordKey,
        outcome: RecordOutcome[a.outcome],
        violation: a.outcome === "REFUSED" ? null : toViolation(a.row),
        refusal: a.outcome === "REFUSED" ? Object.assign(new RecordRefusal(), { code: a.fault.code, message: a.fault.messageIn(ctx.lang) }) : null,
      }),
    );
    const count = (outcome: RecordOutcome) => items.filter((i) => i.outcome === outcome).length;
    return Object.assign(new RecordViolationsResult(), {
      recorded: count(RecordOutcome.RECORDED),
      duplicates: count(RecordOutcome.DUPLICATE),
      refused: count(RecordOutcome.REFUSED),
      items,
    });
  }
}
