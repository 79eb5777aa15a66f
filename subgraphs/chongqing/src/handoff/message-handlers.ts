/**
 * The home platform's inbox handlers (docs/design.md §4): @jg/handoff's `receive` runs each inside the
 * transaction that records the message ID, so a duplicate delivery changes nothing.
 * - recorded → index the violation under its plate (Vehicle.violations lists every province's);
 * - handled → bookkeeping only: the index's synced status;
 * - paid → the reservation becomes points on the licence;
 * - reverted → the reservation is released (R-PAY-1).
 * Each then writes the webhook deliveries of the vehicle's rental partner in the same transaction
 * (src/webhooks/events.ts, issue 18), when the index write said there may be one (writeIndex).
 * A recorded or handled message alone in its request takes one statement instead, inbox row included
 * (homeInboxedHandlers, issue 12), unless a partner may be told.
 */
import type {
  BatchMessageHandlers,
  HandoffMessage,
  InboxedHandlers,
  InboxInsert,
  MessageHandler,
  MessageHandlers,
  ViolationHandled,
  ViolationPaid,
  ViolationRecorded,
  ViolationReverted,
} from "@jg/handoff";
import { jsonInsert, preparedInTransaction, preparedOnce, preparedSql, rowsOf, textArray, typedPlaceholder } from "@jg/service-kit";
import { sql, type SQL } from "drizzle-orm";
import type { PlatformDb, PlatformSchema } from "../db/database";
import { partners, vehicles, violationIndex, webhookEndpoints, type ViolationIndexRow } from "../db/schema";
import { fleetOwner } from "../partners/fleet";
import type { PlatformDeps } from "../deps";
import { enqueueWebhookEvents, enqueueWebhookEventsFor } from "../webhooks/events";
import { applyPaidHandling, releaseHandling } from "./settle.service";

/**
 * Runs `write` (an insert or update of index rows, without `returning`) and answers, in the same
 * statement, whether any written row's vehicle belongs to a partner with an enabled webhook endpoint
 * (issue 12: most have none, and the targets' query was a statement of its own for every message). Only
 * then does `enqueueWebhookEventsFor` look the targets up, after the write as before.
 */
async function writeIndex(tx: PlatformDb, write: SQL): Promise<boolean> {
  const result = await tx.execute(writeIndexSql(write));
  return rowsOf<{ targeted: boolean }>(result)[0]?.targeted === true;
}

/** {@link writeIndex}'s statement. */
function writeIndexSql(write: SQL): SQL {
  return sql`
    with written as (${write} returning plate)
    select exists (
      select 1 from written w
        join ${vehicles} on ${vehicles.plate} = w.plate
        join ${partners} on ${fleetOwner()}
        join ${webhookEndpoints} on ${webhookEndpoints.partnerId} = ${partners.id} and ${webhookEndpoints.enabled}
    ) as targeted`;
}

/**
 * The one-statement form of an index write (issue 12, @jg/handoff `InboxedHandler`): the message's inbox
 * row and `write` (its rows written only when the inbox row was new: `write` gets that condition) in one
 * statement, no transaction, unless a written row's vehicle may have a partner to tell (`plates`: the
 * plates the write would leave on its rows, the same join as writeIndex): then nothing is written and the
 * message takes the ordinary path, which enqueues the webhook deliveries in its transaction. The statement
 * is `name`'s, built once per database handle with placeholders (the inbox's from `inboxInsert`, the
 * write's filled by `values`): drizzle built it for every message (issue 12).
 */
async function writeIndexInboxed(
  db: PlatformDb,
  name: string,
  inboxInsert: InboxInsert,
  build: { plates: SQL; write: (fresh: SQL) => SQL },
  values: Record<string, unknown>,
): Promise<"processed" | "duplicate" | "declined"> {
  const statement = preparedOnce(db, name, (d) =>
    preparedSql(
      d,
      name,
      sql`
    with target as (
      select exists (
        select 1 from ${vehicles}
          join ${partners} on ${fleetOwner()}
          join ${webhookEndpoints} on ${webhookEndpoints.partnerId} = ${partners.id} and ${webhookEndpoints.enabled}
         where ${vehicles.plate} in (${build.plates})
      ) as targeted
    ),
    inboxed as (${inboxInsert.placeholders(sql`not (select targeted from target)`)}),
    written as (${build.write(sql`exists (select 1 from inboxed)`)})
    select (select targeted from target) as targeted, exists (select 1 from inboxed) as fresh`,
    ),
  );
  const result = await statement.execute({ ...inboxInsert.values, ...values });
  const row = rowsOf<{ targeted: boolean; fresh: boolean }>(result)[0];
  if (!row || row.targeted) return "declined";
  return row.fresh ? "processed" : "duplicate";
}

/**
 * Sets the synced status of the violations' index rows, in one statement (one violation is the batch of
 * one), built once per database handle (issue 12: drizzle built it for every message); true when a
 * partner may be told (writeIndex's statement).
 */
async function setStatus(tx: PlatformDb, violationIds: string[], status: ViolationIndexRow["status"], at: Date): Promise<boolean> {
  const result = await preparedInTransaction(tx, "index_set_status", (t) =>
    preparedSql(
      t,
      "index_set_status",
      writeIndexSql(
        sql`update violation_index set status = ${sql.placeholder("status")}::text, synced_at = ${sql.placeholder("at")}::timestamptz where violation_id = any(${sql.placeholder("ids")}::text[])`,
      ),
    ),
  ).execute({ status, at: at.toISOString(), ids: textArray(violationIds) });
  return rowsOf<{ targeted: boolean }>(result)[0]?.targeted === true;
}

const idsOf = (messages: HandoffMessage[]) => messages.map((m) => m.payload.violationId);

function indexRowOf(message: ViolationRecorded, now: Date): typeof violationIndex.$inferInsert {
  const p = message.payload;
  return {
    violationId: p.violationId,
    plate: p.plate,
    provinceCode: p.provinceCode,
    status: "UNHANDLED",
    facts: { ...p },
    occurredAt: new Date(p.occurredAt),
    recordedAt: new Date(p.recordedAt),
    syncedAt: now,
  };
}

/** The conflict clause of the index's inserts: a second "recorded" for one ID refreshes the facts, never the status. */
const REFRESH = sql`on conflict (violation_id) do update set facts = excluded.facts, plate = excluded.plate, synced_at = excluded.synced_at`;

const INDEX_COLUMNS = ["violationId", "plate", "provinceCode", "status", "facts", "occurredAt", "recordedAt", "syncedAt"] as const;

/**
 * Indexes recorded violations with one multi-row statement (one message is the batch of one), its rows
 * as one JSON parameter (`jsonInsert`: drizzle's per-cell parameters were much of the batch's CPU). The
 * receiver never passes one violation twice (Postgres refuses to update a row twice in one statement).
 * A second "recorded" for one ID (a corrected record) refreshes the facts, never the status.
 */
function indexRecorded(tx: PlatformDb, messages: ViolationRecorded[], now: Date): Promise<boolean> {
  const rows = messages.map((m) => indexRowOf(m, now));
  return writeIndex(tx, jsonInsert(violationIndex, INDEX_COLUMNS, rows, REFRESH));
}

/**
 * {@link indexRecorded} of one message with its inbox row, in one statement (see writeIndexInboxed): the
 * same row as `indexRowOf`, its values as placeholders (test/messages.test.ts compares the two paths).
 */
function indexRecordedInboxed(db: PlatformDb, message: ViolationRecorded, inboxInsert: InboxInsert, now: Date) {
  const row = indexRowOf(message, now);
  const p = typedPlaceholder;
  return writeIndexInboxed(
    db,
    "inboxed_recorded",
    inboxInsert,
    {
      plates: p("plate", "text"),
      write: (fresh) => sql`insert into ${violationIndex} (violation_id, plate, province_code, status, facts, occurred_at, recorded_at, synced_at)
        select ${p("violationId", "text")}, ${p("plate", "text")}, ${p("provinceCode", "text")}, ${p("status", "text")}, ${p("facts", "jsonb")},
               ${p("occurredAt", "timestamptz")}, ${p("recordedAt", "timestamptz")}, ${p("syncedAt", "timestamptz")}
         where ${fresh} ${REFRESH}`,
    },
    {
      violationId: row.violationId,
      plate: row.plate,
      provinceCode: row.provinceCode,
      status: row.status,
      facts: JSON.stringify(row.facts),
      occurredAt: row.occurredAt.toISOString(),
      recordedAt: row.recordedAt.toISOString(),
      syncedAt: row.syncedAt.toISOString(),
    },
  );
}

/** {@link setStatus} of one message with its inbox row, in one statement (see writeIndexInboxed). */
function setStatusInboxed(db: PlatformDb, message: HandoffMessage, inboxInsert: InboxInsert, status: ViolationIndexRow["status"], at: Date) {
  const id = sql`${sql.placeholder("violationId")}::text`;
  return writeIndexInboxed(
    db,
    `inboxed_status`,
    inboxInsert,
    {
      plates: sql`select plate from violation_index where violation_id = ${id}`,
      write: (fresh) =>
        sql`update violation_index set status = ${sql.placeholder("status")}::text, synced_at = ${sql.placeholder("at")}::timestamptz where violation_id = ${id} and ${fresh}`,
    },
    { violationId: message.payload.violationId, status, at: at.toISOString() },
  );
}

/**
 * Paid: each reservation becomes points on the licence (one by one, the licence locked), then one status
 * update for all.
 */
async function settlePaid(tx: PlatformDb, messages: ViolationPaid[], deps: Pick<PlatformDeps, "clock" | "log">): Promise<boolean> {
  const now = deps.clock.now();
  for (const message of messages) {
    const outcome = await applyPaidHandling(tx, message.payload.handlingId, new Date(message.payload.paidAt), now, message.payload.violationId);
    // No reservation means the province let a handling through without authorize: points cannot be
    // placed on a licence, and silently dropping them would hide it. Logged loudly for operators.
    if (outcome === "no-reservation") deps.log.error({ message }, "paid handling has no reservation; points not applied");
  }
  return setStatus(tx, idsOf(messages), "PAID", now);
}

/** Reverted: each reservation is released (R-PAY-1), then one status update for all. */
async function settleReverted(tx: PlatformDb, messages: ViolationReverted[], now: Date): Promise<boolean> {
  for (const message of messages) {
    await releaseHandling(tx, message.payload.handlingId, new Date(message.payload.revertedAt), now, "R-PAY-1 reverted", message.payload.violationId);
  }
  return setStatus(tx, idsOf(messages), "UNHANDLED", now);
}

/** The handlers, bound to the injected clock and the log. */
export function homeMessageHandlers(deps: Pick<PlatformDeps, "clock" | "log">): MessageHandlers<PlatformSchema> {
  // Each applies the message and answers whether a partner may be told (writeIndex).
  type Handle<M extends HandoffMessage> = (tx: PlatformDb, message: M) => Promise<boolean>;
  const withWebhooks =
    <M extends HandoffMessage>(handle: Handle<M>): MessageHandler<PlatformSchema, M> =>
    async (tx, message) => {
      if (await handle(tx, message)) await enqueueWebhookEvents(tx, message, deps.clock.now());
    };
  return {
    "violation.recorded": withWebhooks<ViolationRecorded>((tx, message) => indexRecorded(tx, [message], deps.clock.now())),
    "violation.handled": withWebhooks<ViolationHandled>((tx, message) => setStatus(tx, [message.payload.violationId], "HANDLED_UNPAID", deps.clock.now())),
    "violation.paid": withWebhooks<ViolationPaid>((tx, message) => settlePaid(tx, [message], deps)),
    "violation.reverted": withWebhooks<ViolationReverted>((tx, message) => settleReverted(tx, [message], deps.clock.now())),
  };
}

/**
 * The one-statement handlers (issue 12): "recorded" and "handled" alone in their request (as under load)
 * are recorded in the inbox and indexed by one statement without a transaction, the same rows as
 * {@link homeMessageHandlers}; when a partner may be told (webhook deliveries to enqueue) they decline and
 * the ordinary path runs. "paid" and "reverted" settle reservations in several statements: ordinary path.
 */
export function homeInboxedHandlers(deps: Pick<PlatformDeps, "clock">): InboxedHandlers<PlatformSchema> {
  return {
    "violation.recorded": (tx, message, inboxInsert) => indexRecordedInboxed(tx, message, inboxInsert, deps.clock.now()),
    "violation.handled": (tx, message, inboxInsert) => setStatusInboxed(tx, message, inboxInsert, "HANDLED_UNPAID", deps.clock.now()),
  };
}

/**
 * The batch handlers (issue 18 follow-up): the receiver's default one-transaction-per-batch mode hands
 * a run of consecutive new messages of one type (distinct violations) to one call: "recorded" indexes
 * them with one statement, "handled", "paid" and "reverted" set their status with one (paid and reverted
 * still settle each reservation on its licence), and all find their webhook targets with one query; the
 * same rows as {@link homeMessageHandlers} one by one. A failure falls back to the per-message handlers.
 */
export function homeBatchHandlers(deps: Pick<PlatformDeps, "clock" | "log">): BatchMessageHandlers<PlatformSchema> {
  const withWebhooks =
    <M extends HandoffMessage>(handle: (tx: PlatformDb, messages: M[]) => Promise<boolean>) =>
    async (tx: PlatformDb, messages: M[]) => {
      if (await handle(tx, messages)) await enqueueWebhookEventsFor(tx, messages, deps.clock.now());
    };
  return {
    "violation.recorded": withWebhooks((tx, messages) => indexRecorded(tx, messages, deps.clock.now())),
    "violation.handled": withWebhooks((tx, messages) => setStatus(tx, idsOf(messages), "HANDLED_UNPAID", deps.clock.now())),
    "violation.paid": withWebhooks<ViolationPaid>((tx, messages) => settlePaid(tx, messages, deps)),
    "violation.reverted": withWebhooks<ViolationReverted>((tx, messages) => settleReverted(tx, messages, deps.clock.now())),
  };
}
