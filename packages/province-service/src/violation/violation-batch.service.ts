/**
 * recordViolations: a camera system's (or an officer's) batch of up to 500 records (issue 18, "Camera
 * systems"). Each record is answered on its own: RECORDED, DUPLICATE of an earlier record with the same
 * source key (an earlier batch, a single recordViolation, or an earlier item of this batch), or REFUSED
 * with the catalogue code a single recordViolation would have thrown.
 *
 * One transaction per batch. Every check that can refuse a record (facts, schedule, source, key reuse)
 * runs before the transaction and touches no row, and the insert is `ON CONFLICT DO NOTHING` on the
 * recorder's key, so no record can abort the transaction for the others: refused records never enter
 * it. One commit per 500 records (one sequence call, one multi-row insert of violations, one of outbox
 * messages) is what makes 2 000 records/s cheap on PostgreSQL; a per-record transaction would pay a
 * commit (a WAL flush) per record. If the database itself fails, the whole batch fails with
 * INTERNAL_SERVER_ERROR and nothing of it is stored, so the camera's retry of the same batch is safe
 * (idempotent per source key).
 *
 * Back-pressure: before anything is checked, a batch is refused with HANDOFF_BACKLOG (retryable,
 * `extensions.retryAfter` seconds) while the outbox to the home platform lags beyond the configured
 * bound, so cameras slow down instead of piling up messages the home platform cannot index in time.
 */
import { AppFault, badUserInput, isAppFault } from "@jg/errors";
import { HOME_PLATFORM_SERVICE, outbox } from "@jg/handoff";
import { type Identity } from "@jg/identity";
import { makeViolationId } from "@jg/provinces";
import { type Clock, jsonInsert, rowsOf } from "@jg/service-kit";
import { and, eq, inArray, isNull, min, sql } from "drizzle-orm";
import { type Recorder, requireRecorder } from "../auth";
import { type ProvinceDb } from "../db/database";
import { violations, violationSerial, type ViolationRow } from "../db/schema";
import { publishRecordedMany } from "../handoff/publish";
import { requestHash } from "../hash";
import { RECORDED_COLUMNS, type ViolationService } from "./violation.service";
import { type RecordViolationInput, type ViolationRecordInput } from "./violation.input";

/** The most records one batch may carry. */
export const MAX_BATCH_RECORDS = 500;

/** The answer for one record of a batch, in the batch's order. */
export type BatchItem =
  | { index: number; sourceRecordKey: string; outcome: "RECORDED" | "DUPLICATE"; row: ViolationRow }
  | { index: number; sourceRecordKey: string; outcome: "REFUSED"; fault: AppFault };

/**
 * Back-pressure settings (ProvinceShardConfig `batchOutboxLagLimitMs`, `batchRetryAfterSeconds`), and
 * `onCommitted`, called after a batch's transaction committed new records (the shard wakes its relay).
 */
export type BackPressure = { lagLimitMs: number; retryAfterSeconds: number; deliveryDelayMs: number; onCommitted?: () => void };

type Checked = { index: number; key: string; hash: string; facts: ReturnType<ViolationService["validate"]>["facts"] };

export class ViolationBatchService {
  constructor(
    private readonly db: ProvinceDb,
    private readonly provinceCode: string,
    private readonly clock: Clock,
    private readonly single: ViolationService,
    private readonly backPressure: BackPressure,
  ) {}

  /** Records a batch; see the file comment. */
  async record(identity: Identity | null, province: string, records: readonly ViolationRecordInput[]): Promise<BatchItem[]> {
    const batchRecorder = requireBatchRecorder(identity, this.provinceCode);
    if (province !== this.provinceCode) {
      throw new AppFault("WRONG_PROVINCE", { params: { province: this.provinceCode }, details: { requested: province } });
    }
    if (records.length === 0 || records.length > MAX_BATCH_RECORDS) {
      const reason = `a batch has 1 to ${MAX_BATCH_RECORDS} records, this one ${records.length}`;
      throw badUserInput(reason);
    }
    await this.checkBackPressure();

    const answers: (BatchItem | undefined)[] = new Array(records.length);
    const refuse = (index: number, key: string, fault: AppFault) => {
      answers[index] = { index, sourceRecordKey: key, outcome: "REFUSED", fault };
    };
    // 1. Each record on its own: source fits the recorder, facts valid (no database access).
    const firstByKey = new Map<string, Checked>();
    const laterSameKey: Checked[] = [];
    records.forEach((record, index) => {
      const input: RecordViolationInput = { province, ...record };
      try {
        // The source must fit the caller (a camera records CAMERA, an officer ON_SITE): FORBIDDEN for this record alone.
        requireRecorder(identity, this.provinceCode, record.source);
        const { facts, key } = this.single.validate(input);
        const checked = { index, key, hash: requestHash({ ...input, sourceRecordKey: key }), facts };
        if (firstByKey.has(key)) laterSameKey.push(checked);
        else firstByKey.set(key, checked);
      } catch (err) {
        if (!isAppFault(err)) throw err;
        refuse(index, String(record.sourceRecordKey ?? ""), err);
      }
    });

    // 2. Keys recorded before (an earlier batch or call): DUPLICATE, or refused when the facts differ.
    const existing = await this.findByKeys(batchRecorder.name, [...firstByKey.keys()]);
    /** The stored record of each key, whoever stored it (an earlier call, this batch, a concurrent call). */
    const rowByKey = new Map(existing);
    const fresh: Checked[] = [];
    for (const checked of firstByKey.values()) {
      const earlier = existing.get(checked.key);
      if (earlier) this.answerDuplicate(answers, checked, earlier);
      else fresh.push(checked);
    }

    // 3. The new ones, in one transaction.
    const inserted = fresh.length > 0 ? await this.insert(batchRecorder, fresh) : new Map<string, ViolationRow>();
    if (inserted.size > 0) this.backPressure.onCommitted?.();
    const lostRace: Checked[] = [];
    for (const checked of fresh) {
      const row = inserted.get(checked.key);
      if (row) {
        answers[checked.index] = { index: checked.index, sourceRecordKey: checked.key, outcome: "RECORDED", row };
        rowByKey.set(checked.key, row);
      } else lostRace.push(checked);
    }
    // A concurrent call with the same key won the insert: answer with its record.
    if (lostRace.length > 0) {
      const winners = await this.findByKeys(batchRecorder.name, lostRace.map((c) => c.key));
      for (const checked of lostRace) {
        const winner = winners.get(checked.key);
        if (!winner) throw new Error("violation vanished after a key conflict");
        this.answerDuplicate(answers, checked, winner);
        rowByKey.set(checked.key, winner);
      }
    }

    // 4. Later items with a key an earlier item of this batch used: compared with the stored record, as
    // a single recordViolation would be (not with the first item's answer, which may be a refusal).
    for (const checked of laterSameKey) this.answerDuplicate(answers, checked, rowByKey.get(checked.key)!);
    // Every record was answered above: refused in 1, or a key of `firstByKey` (2, 3) or of `laterSameKey` (4).
    return answers as BatchItem[];
  }

  /** The current lag of the outbox to the home platform (ms), 0 when nothing waits. */
  async outboxLagMs(): Promise<number> {
    const [row] = await this.db
      .select({ oldest: min(outbox.createdAt) })
      .from(outbox)
      .where(and(isNull(outbox.deliveredAt), eq(outbox.destination, HOME_PLATFORM_SERVICE)));
    if (!row?.oldest) return 0;
    const oldest = row.oldest instanceof Date ? row.oldest : new Date(row.oldest);
    return Math.max(0, this.clock.now().getTime() - oldest.getTime() - this.backPressure.deliveryDelayMs);
  }

  private async checkBackPressure(): Promise<void> {
    const { lagLimitMs, retryAfterSeconds } = this.backPressure;
    if (lagLimitMs === 0) return;
    const lagMs = await this.outboxLagMs();
    if (lagMs <= lagLimitMs) return;
    throw new AppFault("HANDOFF_BACKLOG", {
      params: { retryAfter: retryAfterSeconds },
      details: { retryAfter: retryAfterSeconds, outboxLagMs: lagMs, lagLimitMs },
    });
  }

  private answerDuplicate(answers: (BatchItem | undefined)[], checked: Checked, earlier: ViolationRow): void {
    answers[checked.index] =
      earlier.requestHash === checked.hash
        ? { index: checked.index, sourceRecordKey: checked.key, outcome: "DUPLICATE", row: earlier }
        : { index: checked.index, sourceRecordKey: checked.key, outcome: "REFUSED", fault: new AppFault("IDEMPOTENCY_KEY_REUSED") };
  }

  private async findByKeys(recorder: string, keys: string[]): Promise<Map<string, ViolationRow>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db
      .select()
      .from(violations)
      .where(and(eq(violations.recorder, recorder), inArray(violations.sourceRecordKey, keys)));
    return new Map(rows.map((row) => [row.sourceRecordKey, row]));
  }

  /**
   * One transaction: IDs from one sequence call, one insert of the violations and one of their messages,
   * each a single JSON parameter (@jg/service-kit `jsonInsert`). The rows answered are built from the values
   * inserted (the database adds only the defaults: UNHANDLED, no handling), so nothing is read back.
   */
  private async insert(recorder: Recorder, fresh: Checked[]): Promise<Map<string, ViolationRow>> {
    const recordedAt = this.clock.now();
    return this.db.transaction(async (tx) => {
      const serials = rowsOf<{ n: string }>(
        await tx.execute(sql`select nextval(${violationSerial.seqName}) as n from generate_series(1, ${fresh.length})`),
      );
      const rows: ViolationRow[] = fresh.map((c, i) => ({
        id: makeViolationId(c.facts.agencyAreaCode, BigInt(serials[i]!.n)),
        ...c.facts,
        recordedAt,
        recorder: recorder.name,
        sourceRecordKey: c.key,
        requestHash: c.hash,
        status: "UNHANDLED",
        handlingId: null,
      }));
      const inserted = rowsOf<{ source_record_key: string }>(
        await tx.execute(
          jsonInsert(violations, INSERTED_COLUMNS, rows, sql`on conflict (recorder, source_record_key) do nothing returning source_record_key`),
        ),
      );
      const keys = new Set(inserted.map((r) => r.source_record_key));
      // Messages in the batch's order, so the relay delivers them in that order.
      const byKey = new Map(rows.filter((row) => keys.has(row.sourceRecordKey)).map((row) => [row.sourceRecordKey, row]));
      await publishRecordedMany(tx, [...byKey.values()]);
      return byKey;
    });
  }
}

/** Every column a recording sets, its ID included (status and handling_id take their defaults). */
const INSERTED_COLUMNS = ["id", ...RECORDED_COLUMNS] as const;

/**
 * The batch's caller: a camera system of this province (CAMERA records) or an officer of this province
 * (ON_SITE records). Anyone else is refused for the whole batch; a record whose source does not fit the
 * caller is refused on its own (FORBIDDEN).
 */
function requireBatchRecorder(identity: Identity | null, provinceCode: string): Recorder {
  if (!identity) throw new AppFault("UNAUTHENTICATED");
  if (identity.kind === "CAMERA" && identity.provinceCode === provinceCode) return requireRecorder(identity, provinceCode, "CAMERA");
  if (identity.kind === "OFFICER" && identity.provinceCode === provinceCode) return requireRecorder(identity, provinceCode, "ON_SITE");
  throw new AppFault("FORBIDDEN");
}
