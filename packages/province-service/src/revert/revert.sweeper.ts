/**
 * The durable 2-hour timer of R-PAY-1. The "timer" is the `pay_by` column of every ACTIVE handling;
 * this sweeper only looks for the ones that are due, so a shard that was down at the deadline catches
 * up when it starts (`start()` sweeps once at once). Each revert is its own transaction: conditional
 * flip of the handling (ACTIVE and pay_by < now, the same comparison as the rules' `shouldRevert`, so a
 * payment at exactly payBy still wins), the violation back to UNHANDLED, and `violation.reverted` in the
 * outbox so the home platform releases the points reservation.
 */
import { preparedOnce, type Clock } from "@jg/service-kit";
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { type Logger } from "pino";
import { type ProvinceDb, type ProvinceTx } from "../db/database";
import { handlings, violations, type HandlingRow } from "../db/schema";
import { publishReverted } from "../handoff/publish";

/** Handlings reverted per sweep at most; a sweep that fills it runs again at once. */
const BATCH = 200;

/**
 * The due handlings, oldest deadline first, at most BATCH: built once per database handle and prepared
 * (issue 12: every tick of the simulator and every interval sweeps, mostly finding nothing). The state is
 * a literal, the predicate of the partial index `handlings_active_pay_by_idx`: a generic plan (PGlite's
 * shards plan each statement once, db/database.ts) uses that index only then, else it scans every handling.
 */
function buildDue(db: ProvinceDb) {
  const ACTIVE: HandlingRow["state"] = "ACTIVE"; // type-checked against the column's states, sent as a literal
  return db
    .select({ id: handlings.id })
    .from(handlings)
    .where(and(sql`${handlings.state} = ${sql.raw(`'${ACTIVE}'`)}`, lt(handlings.payBy, sql`${sql.placeholder("now")}::timestamptz`)))
    .orderBy(asc(handlings.payBy))
    .limit(BATCH)
    .prepare("handlings_due");
}

export class RevertSweeper {
  private state: { kind: "idle" } | { kind: "running"; timer: NodeJS.Timeout | undefined } = { kind: "idle" };
  private inFlight: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly db: ProvinceDb,
    private readonly provinceCode: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Real milliseconds between sweeps; 0 sweeps only when asked (`sweepOnce`). */
    private readonly intervalMs: number,
    /** Called after a sweep reverted handlings (their `violation.reverted` messages committed): the shard wakes its relay. */
    private readonly onCommitted: () => void = () => undefined,
  ) {}

  /** Sweeps once now (catch-up after downtime), then on the interval. */
  async start(): Promise<void> {
    if (this.state.kind === "running") return;
    this.state = { kind: "running", timer: undefined };
    await this.sweepOnce();
    if (this.intervalMs > 0 && this.state.kind === "running") {
      const timer = setInterval(() => {
        this.sweepOnce().catch((err: unknown) => this.logger.error({ err }, "revert sweep failed"));
      }, this.intervalMs);
      timer.unref();
      this.state = { kind: "running", timer };
    }
  }

  /** Stops the interval and waits for a sweep in flight. */
  async stop(): Promise<void> {
    if (this.state.kind === "running" && this.state.timer) clearInterval(this.state.timer);
    this.state = { kind: "idle" };
    await this.inFlight.catch(() => 0);
  }

  /** Reverts every handling due at the clock's now; returns how many. Sweeps never overlap. */
  sweepOnce(): Promise<number> {
    const run = this.inFlight.catch(() => 0).then(() => this.sweepAll());
    this.inFlight = run;
    return run;
  }

  private async sweepAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const due = await preparedOnce(this.db, "handlings_due", buildDue).execute({ now: now.toISOString() });
      for (const { id } of due) if (await this.revert(id, now)) total += 1;
      if (due.length < BATCH) break;
    }
    if (total > 0) {
      this.logger.info({ reverted: total }, "R-PAY-1: reverted unpaid handlings");
      this.onCommitted();
    }
    return total;
  }

  private revert(handlingId: string, now: Date): Promise<boolean> {
    return this.db.transaction((tx) => revertIfDue(tx, this.provinceCode, handlingId, now));
  }
}

/**
 * Reverts one handling if it is due at `now` (R-PAY-1), inside the caller's transaction: the handling
 * ACTIVE → REVERTED, the violation back to UNHANDLED, `violation.reverted` in the outbox. False when it
 * was paid, already reverted, or is not yet due. The sweeper calls it, and so do payFine and
 * handleViolation when they meet a due handling before the sweeper did, so their answers and every read
 * agree from the deadline on (issue #10 §6).
 */
export async function revertIfDue(tx: ProvinceTx, provinceCode: string, handlingId: string, now: Date): Promise<boolean> {
  const [handling] = await tx
    .update(handlings)
    .set({ state: "REVERTED", revertedAt: now })
    .where(and(eq(handlings.id, handlingId), eq(handlings.state, "ACTIVE"), lt(handlings.payBy, now)))
    .returning();
  if (!handling) return false; // paid (or reverted by another sweeper) in the meantime
  await tx
    .update(violations)
    .set({ status: "UNHANDLED", handlingId: null })
    .where(and(eq(violations.id, handling.violationId), eq(violations.handlingId, handling.id), eq(violations.status, "HANDLED_UNPAID")));
  await publishReverted(tx, provinceCode, handling, now);
  return true;
}
