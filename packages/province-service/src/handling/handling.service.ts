import { AppFault } from "@jg/errors";
import { hiddenFromViewer, type Handover, type HomePlatformClient } from "@jg/handoff";
import { type Identity } from "@jg/identity";
import { decideProvinceHandling, deny, payBy, statusDenial, type Denial } from "@jg/rules";
import { placeholdersFor, preparedInTransaction, preparedOnce, type Clock } from "@jg/service-kit";
import { and, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { type Logger } from "pino";
import { requireCitizen } from "../auth";
import { type ShardLoaders } from "../context";
import { type ProvinceDb, type ProvinceTx } from "../db/database";
import { isUniqueViolation } from "../db/errors";
import { decisionSerial, handlings, violations, type HandlingRow, type ViolationRow } from "../db/schema";
import { NO_RELAY, publishHandled, type RelayHook } from "../handoff/publish";
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
import { type ProvinceService } from "../province/province.service";
import { revertIfDue } from "../revert/revert.sweeper";
import { mayView } from "../violation/violation.service";
import { HomeAuthorizer } from "./home-authorize";

/** The answer of handleViolation, as stored for replays. */
export type HandleAnswer =
  | { ok: true; violationId: string; handlingId: string }
  | { ok: false; violationId: string; denials: Denial[] };

type HandledViolation = ViolationRow & { source: "CAMERA" | "ON_SITE"; status: "UNHANDLED" | "HANDLED_UNPAID" | "PAID" };

/**
 * The rows a committed handling wrote, as they stand after the commit: the mutation's answer shows them
 * without reading them again (issue 12).
 */
export type Committed = { violation: ViolationRow; handling: HandlingRow };

/**
 * The decision number (决定书编号): the agency's area code and the shard's next serial, at least ten
 * digits (zero-padded, never cut), computed inside the handling's insert (issue 12: was a separate
 * `select nextval`).
 */
function decisionNumberOf(agencyAreaCode: SQLWrapper): SQL<string> {
  return sql<string>`(select ${agencyAreaCode} || case when length(n.s) >= 10 then n.s else lpad(n.s, 10, '0') end from (select nextval(${decisionSerial.seqName})::text as s) n)`;
}

/** handle's first read, the violation with the key's stored answer: built once per database handle and prepared (issue 12). */
function buildFirstRead(db: ProvinceDb) {
  return db
    .select({ violation: violations, stored: storedAnswerColumn() })
    .from(violations)
    .where(eq(violations.id, sql.placeholder("id")))
    .prepare("handle_first_read");
}

/** The conditional flip UNHANDLED → HANDLED_UNPAID (a race is seen as no row): built once per database handle (issue 12). */
function buildFlip(tx: ProvinceTx) {
  return tx
    .update(violations)
    .set({ status: "HANDLED_UNPAID", handlingId: sql`${sql.placeholder("handlingId")}` })
    .where(and(eq(violations.id, sql.placeholder("id")), eq(violations.status, "UNHANDLED")))
    .returning()
    .prepare("handle_flip");
}

/** The handling's insert with its decision number: built once per database handle (issue 12). */
function buildHandlingInsert(tx: ProvinceTx) {
  return tx
    .insert(handlings)
    .values({
      ...placeholdersFor(handlings, ["id", "violationId", "accountId", "handledAt", "payBy", "reservationId", "fineYuan", "points"]),
      decisionNumber: decisionNumberOf(sql.placeholder("agencyAreaCode")),
    })
    .returning()
    .prepare("handle_insert");
}

/** handleViolation (docs/design.md §4 step 2). */
export class HandlingService {
  private readonly authorizer: HomeAuthorizer;

  constructor(
    private readonly db: ProvinceDb,
    private readonly provinceCode: string,
    private readonly clock: Clock,
    home: HomePlatformClient,
    private readonly provinces: ProvinceService,
    logger: Logger,
    /** The shard's relay: a transaction that wrote a handoff message (handled, reverted) hands it over or wakes it after commit. */
    private readonly relay: RelayHook = NO_RELAY,
  ) {
    this.authorizer = new HomeAuthorizer(home, logger);
  }

  /**
   * Checks the rules this province owns (R-ELG-1d/e/f, R-DUP-1, R-OPS-2, R-MNT-1), asks the home
   * platform to authorize and reserve the points (and, on the common path, whether the citizen may see
   * the violation: `checkViewer`, docs/design.md §4 step 2), then in ONE transaction flips the violation
   * UNHANDLED → HANDLED_UNPAID (conditionally, so a race is detected), inserts the handling, the
   * idempotency row and the outbox message. No transaction is held open across the HTTP call. Only
   * approvals are stored for replay: a denial changed nothing, so a retry is simply decided again.
   */
  async handle(
    identity: Identity | null,
    id: string,
    noticeAccepted: boolean,
    idempotencyKey: string,
    loaders: ShardLoaders,
  ): Promise<HandleAnswer & { replayed: boolean; committed?: Committed }> {
    const { accountId } = requireCitizen(identity);
    const violationId = requireOwnViolationId(id, this.provinceCode);
    const key = checkIdempotencyKey(idempotencyKey);
    const hash = requestHash({ violationId, noticeAccepted });
    const scope: IdempotencyScope = { operation: "handleViolation", principal: `CITIZEN:${accountId}`, key, requestHash: hash };
    // The key's stored answer comes with the violation, in one statement (issue 12).
    const first = await this.readWithStored(violationId, scope);
    if (first.stored) return { ...first.stored, replayed: true };

    let violation = first.violation;
    // Someone else's violation answers as an unknown one, before any rule could reveal its state (issue #10 §3).
    // On the common path (UNHANDLED, the province's rules agree) the home platform judges that within
    // authorize (`checkViewer`, issue 12: one call instead of two); every other path asks first, as before.
    let viewerChecked = !loaders.viewer; // no viewer to check: an officer, or checkViewerAccess off
    const checkViewer = async () => {
      if (!viewerChecked && !(await mayView(violation, loaders))) throw new AppFault("NOT_FOUND");
      viewerChecked = true;
    };
    if (violation.status !== "UNHANDLED") await checkViewer();
    const now = this.clock.now();
    // A handling past its deadline is unhandled from that instant (R-PAY-1), even before the sweeper ran:
    // revert it now, so this answer agrees with every read (issue #10 §6).
    if (violation.status === "HANDLED_UNPAID" && violation.handlingId) {
      const due = violation.handlingId;
      if (await this.db.transaction((tx) => revertIfDue(tx, this.provinceCode, due, now))) {
        this.relay.wake();
        violation = await this.read(violationId);
      }
    }
    const decision = decideProvinceHandling({
      violation: { ...violation, source: violation.source, status: violation.status },
      platformOpen: await this.provinces.platformOpen(),
      noticeAccepted,
      now,
      maintenanceWindow: this.provinces.window.daily,
    });
    if (!decision.ok) {
      await checkViewer();
      return { ok: false, violationId, denials: decision.denials, replayed: false };
    }

    // Derived from shard, caller, key and arguments (and a generation, home-authorize.ts): a retry reuses
    // the home reservation, other arguments under the same key never collide with it.
    const flagged = !viewerChecked;
    const { handlingId, authorization } = await this.authorizer.authorize([this.provinceCode, accountId, key, hash], (handlingId) => ({
      handlingId,
      accountId,
      violation: {
        id: violation.id,
        provinceCode: violation.provinceCode,
        plate: violation.plate,
        plateType: violation.plateType,
        code: violation.code,
        occurredAt: violation.occurredAt.toISOString(),
        source: violation.source,
        fineYuan: violation.fineYuan,
        points: violation.points,
        warningOnly: violation.warningOnly,
      },
      requestedAt: now.toISOString(),
      ...(flagged ? { checkViewer: true } : {}),
    }));
    if (hiddenFromViewer(authorization)) throw new AppFault("NOT_FOUND");
    if (flagged && authorization.visible === undefined) {
      // A platform that ignores `checkViewer` (an older one, during a rolling upgrade) did not judge it: ask
      // as before, and give back what it reserved for a violation this account may not see.
      // An access check that fails (HOME_PLATFORM_UNAVAILABLE) gives the approval back too: nothing at the
      // platform expires a reservation, and no handling will be committed under it.
      const giveBack = async (reason: string) => {
        if (authorization.approved) await this.authorizer.release({ handlingId, accountId, violationId, reason });
      };
      const visible = await mayView(violation, loaders).catch(async (err: unknown) => {
        await giveBack("ACCESS_UNANSWERED");
        throw err;
      });
      if (!visible) {
        await giveBack("NOT_VISIBLE_TO_VIEWER");
        throw new AppFault("NOT_FOUND");
      }
    }
    if (!authorization.approved) {
      return { ok: false, violationId, denials: authorization.denials as Denial[], replayed: false };
    }

    const answer: HandleAnswer = { ok: true, violationId, handlingId };
    let committed: Committed | null;
    const handover = this.relay.handover();
    try {
      committed = await this.commit(violation, handlingId, accountId, authorization.reservationId, now, scope, answer, handover);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      committed = null; // the same key raced us on another violation: decided below
    }
    if (committed) {
      this.relay.wake(handover);
      return { ...answer, replayed: false, committed };
    }
    return this.afterLostRace(violationId, handlingId, accountId, scope);
  }

  private async commit(
    violation: ViolationRow,
    handlingId: string,
    accountId: string,
    reservationId: string,
    now: Date,
    scope: IdempotencyScope,
    answer: HandleAnswer,
    handover: Handover | undefined,
  ): Promise<Committed | null> {
    return this.db.transaction(async (tx) => {
      const [flipped] = await preparedInTransaction(tx, "handle_flip", buildFlip).execute({ id: violation.id, handlingId });
      if (!flipped) return null;
      const [handling] = await preparedInTransaction(tx, "handle_insert", buildHandlingInsert).execute({
        id: handlingId,
        violationId: violation.id,
        accountId,
        agencyAreaCode: violation.agencyAreaCode,
        handledAt: now,
        payBy: payBy(now), // R-PAY-1: handled time + 2 hours
        reservationId,
        fineYuan: violation.fineYuan,
        points: violation.points,
      });
      await saveAnswer(tx, scope, answer, now);
      await publishHandled(tx, this.provinceCode, handling!, handover);
      return { violation: flipped, handling: handling! };
    });
  }

  /**
   * The flip or the key insert failed. When our own twin (same key, same arguments) won, its stored
   * answer is ours too and the reservation is the same, so nothing is released. Otherwise another
   * handling won: give the reservation back and answer with the current status (R-DUP-1).
   */
  private async afterLostRace(violationId: string, handlingId: string, accountId: string, scope: IdempotencyScope) {
    const current = await this.read(violationId);
    if (current.handlingId === handlingId) {
      const stored = await lookupAnswer<HandleAnswer>(this.db, scope);
      if (stored) return { ...stored, replayed: true };
    }
    // Nothing expires a reservation at the home platform: a release that fails is logged for operators
    // (home-authorize.ts), and the reservation stays held until released by hand.
    await this.authorizer.release({ handlingId, accountId, violationId, reason: "PROVINCE_ROLLBACK" });
    await lookupAnswer<HandleAnswer>(this.db, scope); // throws IDEMPOTENCY_KEY_REUSED on a key raced with other arguments
    const denial = statusDenial(current.status as "UNHANDLED" | "HANDLED_UNPAID" | "PAID") ?? deny("ALREADY_HANDLED");
    return { ok: false as const, violationId, denials: [denial], replayed: false };
  }

  /** The key's stored answer (checked as lookupAnswer checks it), else the violation: one statement. */
  private async readWithStored(id: string, scope: IdempotencyScope): Promise<{ stored: HandleAnswer } | { stored?: undefined; violation: HandledViolation }> {
    const [row] = await preparedOnce(this.db, "handle_first_read", buildFirstRead).execute({ id, ...scopeParams(scope) });
    const first = await storedOrRow<HandleAnswer, NonNullable<typeof row>>(this.db, scope, row);
    return first.stored ? { stored: first.stored } : { violation: first.row.violation as HandledViolation };
  }

  private async read(id: string): Promise<HandledViolation> {
    const [row] = await this.db.select().from(violations).where(eq(violations.id, id));
    if (!row) throw new AppFault("NOT_FOUND");
    return row;
  }
}
