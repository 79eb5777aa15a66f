import { randomUUID } from "node:crypto";
import { AppFault } from "@jg/errors";
import { type Identity } from "@jg/identity";
import { amountPayable, decidePayment, deny, type DailyWindow, type Denial } from "@jg/rules";
import { placeholdersFor, preparedInTransaction, preparedOnce, type Clock } from "@jg/service-kit";
import { and, eq, sql } from "drizzle-orm";
import { requirePayer } from "../auth";
import { type ShardLoaders } from "../context";
import { type ProvinceDb, type ProvinceTx } from "../db/database";
import { isUniqueViolation } from "../db/errors";
import { handlings, payments, violations, type HandlingRow, type PaymentRow, type ViolationRow } from "../db/schema";
import { type PaymentChannel } from "../graphql/enums";
import { NO_RELAY, publishPaid, type RelayHook } from "../handoff/publish";
import { requestHash } from "../hash";
import {
  checkIdempotencyKey,
  lookupAnswer,
  saveAnswer,
  scopeParams,
  storedAnswerColumn,
  storedOrRow,
  type IdempotencyScope,
} from "../idempotency/idempotency.store";
import { requireOwnViolationId } from "../ownership";
import { revertIfDue } from "../revert/revert.sweeper";
import { mayView } from "../violation/violation.service";

/** The answer of payFine, as stored for replays. */
type PayAnswer =
  | { ok: true; violationId: string; paymentId: string; handlingId: string }
  | { ok: false; violationId: string; denials: Denial[] };

type Status = "UNHANDLED" | "HANDLED_UNPAID" | "PAID";

/** The rows a committed payment wrote, as they stand after the commit (issue 12: the answer shows them without reading again). */
export type PaidRows = { violation: ViolationRow; handling: HandlingRow; payment: PaymentRow };

/** pay's first read, the violation and its handling with the key's stored answer: built once per database handle and prepared (issue 12). */
function buildFirstRead(db: ProvinceDb) {
  return db
    .select({ violation: violations, handling: handlings, stored: storedAnswerColumn() })
    .from(violations)
    .leftJoin(handlings, eq(handlings.id, violations.handlingId))
    .where(eq(violations.id, sql.placeholder("id")))
    .prepare("pay_first_read");
}

/** The handling ACTIVE → PAID unless past payBy (a payment at exactly payBy still wins): built once per database handle (issue 12). */
function buildPayHandling(tx: ProvinceTx) {
  return tx
    .update(handlings)
    .set({ state: "PAID" })
    .where(and(eq(handlings.id, sql.placeholder("id")), eq(handlings.state, "ACTIVE"), sql`${handlings.payBy} >= ${sql.placeholder("now")}::timestamptz`))
    .returning()
    .prepare("pay_handling");
}

/** The violation HANDLED_UNPAID → PAID under that handling: built once per database handle (issue 12). */
function buildPayViolation(tx: ProvinceTx) {
  return tx
    .update(violations)
    .set({ status: "PAID" })
    .where(and(eq(violations.id, sql.placeholder("id")), eq(violations.status, "HANDLED_UNPAID"), eq(violations.handlingId, sql.placeholder("handlingId"))))
    .returning()
    .prepare("pay_violation");
}

/** The payment's insert: built once per database handle (issue 12). */
function buildPaymentInsert(tx: ProvinceTx) {
  return tx
    .insert(payments)
    .values(placeholdersFor(payments, ["id", "handlingId", "violationId", "channel", "amountYuan", "paidAt", "payer"]))
    .returning()
    .prepare("pay_insert");
}

/** payFine (docs/design.md §4 step 3). */
export class PaymentService {
  constructor(
    private readonly db: ProvinceDb,
    private readonly provinceCode: string,
    private readonly clock: Clock,
    /** The province's nightly window (R-MNT-1): payments are closed in it too. */
    private readonly window: DailyWindow,
    /** The shard's relay: a transaction that wrote a handoff message (paid, reverted) hands it over or wakes it after commit. */
    private readonly relay: RelayHook = NO_RELAY,
  ) {}

  /**
   * Pays the fine of the current handling: refused in the nightly window (R-MNT-1), after `payBy`
   * (R-PAY-1) even before the sweeper ran, when not handled (R-OPS-2) or already paid (R-DUP-1). The
   * amount is exactly what the law makes payable, no fee (R-FEE-1). Exactly one payment per handling
   * across channels (R-DUP-1): a conditional update of the handling (ACTIVE and not past payBy) and of
   * the violation, plus the unique index on payments.handling_id, so of two parallel channels one wins
   * and the other is told ALREADY_PAID.
   */
  async pay(
    identity: Identity | null,
    id: string,
    channel: PaymentChannel,
    idempotencyKey: string,
    loaders: Pick<ShardLoaders, "viewer">,
  ): Promise<PayAnswer & { replayed: boolean; committed?: PaidRows }> {
    const payer = requirePayer(identity);
    const violationId = requireOwnViolationId(id, this.provinceCode);
    const key = checkIdempotencyKey(idempotencyKey);
    const scope: IdempotencyScope = {
      operation: "payFine",
      principal: payer.name,
      key,
      requestHash: requestHash({ violationId, channel }),
    };
    // The key's stored answer comes with the violation and its handling, in one statement (issue 12).
    const first = await this.readWithStored(violationId, scope);
    if (first.stored) return { ...first.stored, replayed: true };

    const { violation, handling } = first;
    // A citizen pays only a handling of their own; a bank pays any (it confirms a counter payment). The
    // handler's own handling is their record: the home platform judged, when it authorized the handling,
    // that they may see the violation, and the decision was made out to them (R-OPS-2: handle, then
    // confirm payment), so it is paid without asking the platform again (issue 12: one call fewer per
    // payment; docs/design.md §8). Anyone else is asked about first: someone else's violation answers as
    // an unknown one, whatever its state (issue #10 §3), and one they may see but did not handle is
    // FORBIDDEN.
    if (payer.kind === "CITIZEN" && handling?.accountId !== payer.accountId) {
      if (!(await mayView(violation, loaders))) throw new AppFault("NOT_FOUND");
      if (handling) throw new AppFault("FORBIDDEN");
    }
    const now = this.clock.now();
    const decision = decidePayment({ status: violation.status as Status, payBy: handling?.payBy ?? null, now, maintenanceWindow: this.window });
    await this.revertWhenLate(decision, handling, now);
    if (!decision.ok || !handling) {
      return { ok: false as const, violationId, denials: decision.ok ? [deny("NOT_YET_HANDLED")] : decision.denials, replayed: false };
    }
    const amount = amountPayable({ fineYuan: handling.fineYuan, decidedAt: handling.handledAt, now }).totalYuan;
    const answer: PayAnswer = { ok: true, violationId, paymentId: randomUUID(), handlingId: handling.id };
    let committed: PaidRows | null = null;
    const handover = this.relay.handover();
    try {
      committed = await this.db.transaction(async (tx) => {
        const paidHandling = await preparedInTransaction(tx, "pay_handling", buildPayHandling).execute({ id: handling.id, now: now.toISOString() });
        if (paidHandling.length === 0) return null;
        const [flipped] = await preparedInTransaction(tx, "pay_violation", buildPayViolation).execute({ id: violationId, handlingId: handling.id });
        if (!flipped) throw new Error(`violation ${violationId} is not HANDLED_UNPAID under its active handling`);
        const [payment] = await preparedInTransaction(tx, "pay_insert", buildPaymentInsert).execute({
          id: answer.paymentId,
          handlingId: handling.id,
          violationId,
          channel,
          amountYuan: amount,
          paidAt: now,
          payer: payer.name,
        });
        await saveAnswer(tx, scope, answer, now);
        await publishPaid(tx, this.provinceCode, paidHandling[0]!, payment!, handover);
        return { violation: flipped, handling: paidHandling[0]!, payment: payment! };
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    if (committed) {
      this.relay.wake(handover);
      // The rows as committed, for the mutation's answer (not stored for replays).
      return { ...answer, replayed: false, committed };
    }
    return this.afterLostRace(violationId, scope);
  }

  /** Another payment (or the revert) got there first: the same key's stored answer, or why not now. */
  private async afterLostRace(violationId: string, scope: IdempotencyScope) {
    const stored = await lookupAnswer<PayAnswer>(this.db, scope);
    if (stored) return { ...stored, replayed: true };
    const { violation, handling } = await this.read(violationId);
    const now = this.clock.now();
    const decision = decidePayment({ status: violation.status as Status, payBy: handling?.payBy ?? null, now, maintenanceWindow: this.window });
    await this.revertWhenLate(decision, handling, now);
    const denials = decision.ok ? [deny("ALREADY_PAID")] : decision.denials;
    return { ok: false as const, violationId, denials, replayed: false };
  }

  /**
   * A refusal for lateness says the record returned to unhandled (R-PAY-1), so it is made true at once,
   * in one transaction, instead of waiting for the sweeper: the answer's violation and every later read
   * agree with the refusal (issue #10 §6).
   */
  private async revertWhenLate(decision: ReturnType<typeof decidePayment>, handling: HandlingRow | null, now: Date): Promise<void> {
    if (decision.ok || !handling || !decision.denials.some((d) => d.code === "PAYMENT_DEADLINE_PASSED")) return;
    if (await this.db.transaction((tx) => revertIfDue(tx, this.provinceCode, handling.id, now))) this.relay.wake();
  }

  /** The key's stored answer (checked as lookupAnswer checks it), else the violation and its handling: one statement. */
  private async readWithStored(
    id: string,
    scope: IdempotencyScope,
  ): Promise<{ stored: PayAnswer } | { stored?: undefined; violation: ViolationRow; handling: HandlingRow | null }> {
    const [row] = await preparedOnce(this.db, "pay_first_read", buildFirstRead).execute({ id, ...scopeParams(scope) });
    const first = await storedOrRow<PayAnswer, NonNullable<typeof row>>(this.db, scope, row);
    return first.stored ? { stored: first.stored } : { violation: first.row.violation, handling: first.row.handling };
  }

  private async read(id: string): Promise<{ violation: ViolationRow; handling: HandlingRow | null }> {
    const [violation] = await this.db.select().from(violations).where(eq(violations.id, id));
    if (!violation) throw new AppFault("NOT_FOUND");
    if (!violation.handlingId) return { violation, handling: null };
    const [handling] = await this.db.select().from(handlings).where(eq(handlings.id, violation.handlingId));
    return { violation, handling: handling ?? null };
  }
}
