/**
 * A read-only dump of the rows the simulator's invariants need (issue #6): violations with status, fine
 * and current handling, handlings, payments, and the outbox with delivery state. The simulator cannot
 * reach an embedded PGlite inside this process, so it asks here (`GET /internal/audit`, service token).
 * Sized for simulations, not production volumes: it reads whole tables.
 */
import { outbox } from "@jg/handoff";
import { type ProvinceDb } from "./db/database";
import { handlings, payments, violations } from "./db/schema";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every violation, handling, payment and outbox row of this shard, instants as ISO strings. */
export async function auditSnapshot(db: ProvinceDb, provinceCode: string) {
  const [v, h, p, o] = await Promise.all([
    db.select().from(violations).orderBy(violations.id),
    db.select().from(handlings).orderBy(handlings.handledAt),
    db.select().from(payments).orderBy(payments.paidAt),
    db.select().from(outbox).orderBy(outbox.seq),
  ]);
  return {
    code: provinceCode,
    violations: v.map((r) => ({
      id: r.id,
      plate: r.plate,
      status: r.status,
      fineYuan: r.fineYuan,
      points: r.points,
      handlingId: r.handlingId,
      // When the shard recorded it: the first lane of the simulator's per-violation timeline.
      recordedAt: r.recordedAt.toISOString(),
    })),
    handlings: h.map((r) => ({
      id: r.id,
      violationId: r.violationId,
      accountId: r.accountId,
      fineYuan: r.fineYuan,
      points: r.points,
      state: r.state,
      handledAt: r.handledAt.toISOString(),
    })),
    payments: p.map((r) => ({ id: r.id, handlingId: r.handlingId, violationId: r.violationId, amountYuan: r.amountYuan, channel: r.channel, paidAt: r.paidAt.toISOString() })),
    outbox: o.map((r) => ({
      messageId: String((r.payload as { messageId?: unknown }).messageId ?? r.id),
      destination: r.destination,
      type: r.type,
      // The violation the message is about (its ordering key), for the simulator's per-violation timeline.
      violationId: r.orderingKey,
      createdAt: r.createdAt.toISOString(),
      deliveredAt: iso(r.deliveredAt),
      attempts: r.attempts,
    })),
  };
}
