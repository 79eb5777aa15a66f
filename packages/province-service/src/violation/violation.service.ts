import { AppFault, badUserInput as badInput } from "@jg/errors";
import { type Identity } from "@jg/identity";
import { checkAreaCode, fineItem, labelOf, parsePlate, plateTypes, violationCode } from "@jg/provinces";
import { placeholdersFor, preparedInTransaction, type Clock } from "@jg/service-kit";
import { and, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { requireReader, requireRecorder } from "../auth";
import { type ShardLoaders } from "../context";
import { type ProvinceDb, type ProvinceTx } from "../db/database";
import { violations, violationSerial, type ViolationRow } from "../db/schema";
import { NO_RELAY, publishRecorded, type RelayHook } from "../handoff/publish";
import { requestHash } from "../hash";
import { requireOwnViolationId } from "../ownership";
import { type RecordViolationInput } from "./violation.input";

const MAX_TEXT = 200;

/** Outcome of recording: the row, and whether it already existed under the same key (a retry). */
export type RecordOutcome = { row: ViolationRow; replayed: boolean };

/**
 * A violation ID made in SQL exactly as `makeViolationId` makes it: the agency's area code and the next
 * serial of the shard, zero-padded to ten digits. A serial past ten digits gives no ID (null), so the
 * insert fails (NOT NULL) rather than cut it, as `makeViolationId` throws.
 */
function violationIdOf(agencyAreaCode: SQLWrapper): SQL<string> {
  return sql<string>`(select case when n.v <= ${sql.raw(String(MAX_VIOLATION_SERIAL))} then ${agencyAreaCode} || lpad(n.v::text, 10, '0') end from (select nextval(${violationSerial.seqName}) as v) n)`;
}

/** The largest serial of a violation ID (ten digits). */
const MAX_VIOLATION_SERIAL = 9_999_999_999;

/**
 * Every column a recording sets but its ID (status and handling_id take their defaults): the single
 * recording's insert and the batch's (violation-batch.service.ts, which adds the ID) write the same.
 */
export const RECORDED_COLUMNS = [
  "provinceCode",
  "plate",
  "plateType",
  "code",
  "location",
  "occurredAt",
  "recordedAt",
  "source",
  "agencyAreaCode",
  "fineYuan",
  "points",
  "warningOnly",
  "simpleProcedure",
  "fineSource",
  "fineAssumed",
  "recorder",
  "sourceRecordKey",
  "requestHash",
] as const satisfies readonly (keyof ViolationRow)[];

/** The recording's insert, its ID made inside it: built once per database handle (issue 12). */
function buildInsert(tx: ProvinceTx) {
  return tx
    .insert(violations)
    .values({ ...placeholdersFor(violations, RECORDED_COLUMNS), id: violationIdOf(sql.placeholder("agencyAreaCode")) })
    .onConflictDoNothing({ target: [violations.recorder, violations.sourceRecordKey] })
    .returning()
    .prepare("violation_insert");
}

/** Recording and reading this province's violations. */
export class ViolationService {
  constructor(
    private readonly db: ProvinceDb,
    private readonly provinceCode: string,
    private readonly clock: Clock,
    /** The shard's relay: a recording that wrote a handoff message hands it over after commit (claim on enqueue). */
    private readonly relay: RelayHook = NO_RELAY,
  ) {}

  /**
   * recordViolation: authorizes the recorder, validates every fact, takes fine and points from this
   * province's schedule in force at the violation time (R-OOP-1), and stores it once per recorder key.
   * The `violation.recorded` message for a home-province vehicle is written in the same transaction.
   */
  async record(identity: Identity | null, input: RecordViolationInput): Promise<RecordOutcome> {
    const recorder = requireRecorder(identity, this.provinceCode, input.source);
    if (input.province !== this.provinceCode) {
      throw new AppFault("WRONG_PROVINCE", { params: { province: this.provinceCode }, details: { requested: input.province } });
    }
    const { facts, key } = this.validate(input);
    // The hash covers what the recorder sent (not the derived fine), so a retry compares equal.
    const hash = requestHash({ ...input, sourceRecordKey: key });
    // The insert comes first and the key's unique index decides (issue 12: a read of the key before it
    // was one statement more per recording); a retry finds its record after the conflict. It takes a
    // serial it does not use: violation serials have gaps anyway (a rolled-back recording's). The ID is
    // made inside the insert (issue 12: was a separate `select nextval`), by a statement built once.
    const recordedAt = this.clock.now();
    const handover = this.relay.handover();
    const inserted = await this.db.transaction(async (tx) => {
      const rows = await preparedInTransaction(tx, "violation_insert", buildInsert).execute({
        ...facts,
        recordedAt,
        recorder: recorder.name,
        sourceRecordKey: key,
        requestHash: hash,
      });
      const row = rows[0];
      return row ? { row, published: await publishRecorded(tx, row, handover) } : undefined;
    });
    if (inserted?.published) this.relay.wake(handover);
    if (inserted) return { row: inserted.row, replayed: false };
    // A retry, or a concurrent one that won the insert, under the same key: answer with its record.
    const winner = await this.findByKey(recorder.name, key);
    if (!winner) throw new Error("violation vanished after a key conflict");
    return this.replay(winner, hash);
  }

  /**
   * violation(id): a reader's view of one violation, or null when there is none or the reader may not
   * see it: someone else's violation looks exactly like one that does not exist (issue #10 §3).
   */
  async get(identity: Identity | null, id: string, loaders: ShardLoaders): Promise<ViolationRow | null> {
    requireReader(identity);
    requireOwnViolationId(id, this.provinceCode);
    const row = await loaders.violation.load(id);
    if (row && !(await this.mayView(row, loaders))) return null;
    return row;
  }

  /** See the function `mayView`. */
  mayView(row: ViolationRow, loaders: ShardLoaders, statement?: string | null): Promise<boolean> {
    return mayView(row, loaders, statement);
  }

  /**
   * Checks every fact of a record and derives fine and points (R-OOP-1); throws the AppFault a client
   * sees. Shared with the batch (ViolationBatchService), which answers a throw as that record's refusal.
   */
  validate(input: RecordViolationInput) {
    const plate = parsePlate(input.plate);
    if (!plate.ok) throw new AppFault("INVALID_PLATE", { params: { plate: input.plate }, details: { reason: plate.message } });
    if (!labelOf(plateTypes, input.plateType)) throw badInput(`unknown plate type ${JSON.stringify(input.plateType)}`);
    const area = checkAreaCode(input.agencyAreaCode);
    if (!area.ok) throw badInput(area.message);
    if (!area.value.startsWith(this.provinceCode)) {
      throw badInput(`agency area ${input.agencyAreaCode} is not in province ${this.provinceCode}`);
    }
    if (!(input.occurredAt instanceof Date) || Number.isNaN(input.occurredAt.getTime())) throw badInput("occurredAt is not a valid time");
    if (input.occurredAt.getTime() > this.clock.now().getTime()) throw new AppFault("OCCURRED_IN_FUTURE");
    const key = input.sourceRecordKey.trim();
    if (key.length === 0 || key.length > 128) throw badInput("sourceRecordKey must have 1 to 128 characters");
    const location = input.location.trim();
    if (location.length === 0 || location.length > MAX_TEXT) throw badInput(`location must have 1 to ${MAX_TEXT} characters`);
    const entry = violationCode(input.code);
    // R-OOP-1: the occurrence province's schedule in force when the violation occurred decides.
    const item = entry ? fineItem(this.provinceCode, entry.code, input.occurredAt) : undefined;
    if (!entry || !item) {
      throw new AppFault("UNKNOWN_VIOLATION_CODE", {
        params: { code: input.code },
        details: { reason: entry ? "not in the schedule in force at occurredAt" : "unknown code" },
      });
    }
    const facts = {
      provinceCode: this.provinceCode,
      plate: plate.value.plate,
      plateType: input.plateType,
      code: entry.code,
      location,
      occurredAt: input.occurredAt,
      source: input.source,
      agencyAreaCode: area.value,
      ...fineFactsOf(item),
    };
    return { facts, key };
  }

  private async findByKey(recorder: string, key: string): Promise<ViolationRow | undefined> {
    const rows = await this.db
      .select()
      .from(violations)
      .where(and(eq(violations.recorder, recorder), eq(violations.sourceRecordKey, key)));
    return rows[0];
  }

  private replay(row: ViolationRow, hash: string): RecordOutcome {
    if (row.requestHash !== hash) throw new AppFault("IDEMPOTENCY_KEY_REUSED");
    return { row, replayed: true };
  }
}


/** A violation's fine, points and how they are handled, as the schedule item in force says (R-OOP-1). */
export function fineFactsOf(item: NonNullable<ReturnType<typeof fineItem>>) {
  return {
    fineYuan: item.fineYuan,
    points: item.points,
    warningOnly: item.warningOnly,
    simpleProcedure: item.simpleProcedure,
    fineSource: item.fineSource,
    fineAssumed: item.assumed,
  };
}
/**
 * A citizen sees only the violations the home platform says are theirs (docs/design.md §8), judged at the
 * violation's occurrence time (R-ELG-7: a lessee, for the lease period); officers, cameras and banks see
 * every violation of the province. Every entry point taking a violation ID asks this before it answers
 * anything about the violation, and answers a "no" exactly as it answers an unknown ID (issue #10 §3).
 */
export function mayView(
  row: Pick<ViolationRow, "plate" | "occurredAt">,
  loaders: Pick<ShardLoaders, "viewer">,
  statement?: string | null,
): Promise<boolean> {
  if (!loaders.viewer) return Promise.resolve(true);
  const item = { plate: row.plate, occurredAt: row.occurredAt };
  // The platform's signed statement from the representation (issue 11): decided here, no round trip.
  if (typeof statement === "string") return loaders.viewer.statement(statement, item);
  return loaders.viewer.access.load(item);
}
