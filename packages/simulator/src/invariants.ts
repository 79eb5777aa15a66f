/**
 * The federation's invariants (issue #6), as pure functions over one audit snapshot of every database.
 * `settled` says whether the run has settled (every outbox drained, no request in flight): some
 * invariants allow work in progress while a run goes on and only demand completion at the end.
 */
import type { AuditHandling, AuditSnapshot, AuditViolation } from "./audit-types";
import type { InvariantResult } from "./invariant-result";
import { pointsStayBelow12 } from "./points-invariant";

export type { InvariantResult };

function result(name: string, checked: number, violations: string[]): InvariantResult {
  return { name, ok: violations.length === 0, checked, violations };
}

/** Destination name of the home platform in outbox rows (@jg/handoff HOME_PLATFORM_SERVICE). */
const HOME = "home-platform";

/** No violation paid twice, and no handling paid twice (R-DUP-1). */
export function noViolationPaidTwice(s: AuditSnapshot): InvariantResult {
  const bad: string[] = [];
  let checked = 0;
  for (const [code, p] of Object.entries(s.provinces)) {
    const byViolation = new Map<string, number>();
    const byHandling = new Map<string, number>();
    for (const pay of p.payments) {
      checked += 1;
      byViolation.set(pay.violationId, (byViolation.get(pay.violationId) ?? 0) + 1);
      byHandling.set(pay.handlingId, (byHandling.get(pay.handlingId) ?? 0) + 1);
    }
    for (const [id, n] of byViolation) if (n > 1) bad.push(`province ${code}: violation ${id} paid ${n} times`);
    for (const [id, n] of byHandling) if (n > 1) bad.push(`province ${code}: handling ${id} paid ${n} times`);
  }
  return result("no violation paid twice (R-DUP-1)", checked, bad);
}

/** Every payment matches one handling of its violation, in state PAID, for the province's fine (R-OOP-1). */
export function paymentsMatchHandlings(s: AuditSnapshot): InvariantResult {
  const bad: string[] = [];
  let checked = 0;
  for (const [code, p] of Object.entries(s.provinces)) {
    const handlings = new Map<string, AuditHandling>(p.handlings.map((h) => [h.id, h]));
    const violations = new Map<string, AuditViolation>(p.violations.map((v) => [v.id, v]));
    for (const pay of p.payments) {
      checked += 1;
      const h = handlings.get(pay.handlingId);
      const v = violations.get(pay.violationId);
      if (!h) bad.push(`province ${code}: payment ${pay.id} has no handling ${pay.handlingId}`);
      else if (h.violationId !== pay.violationId) bad.push(`province ${code}: payment ${pay.id} is for ${pay.violationId}, its handling for ${h.violationId}`);
      else if (h.state !== "PAID") bad.push(`province ${code}: payment ${pay.id} but handling ${h.id} is ${h.state}`);
      if (!v) bad.push(`province ${code}: payment ${pay.id} for unknown violation ${pay.violationId}`);
      else if (pay.amountYuan !== v.fineYuan || (h && h.fineYuan !== v.fineYuan)) {
        bad.push(`province ${code}: payment ${pay.id} of ${pay.amountYuan} yuan, fine ${v.fineYuan}`);
      } else if (v.status !== "PAID") bad.push(`province ${code}: violation ${v.id} paid but ${v.status}`);
    }
  }
  return result("every payment matches one handling and the province's fine", checked, bad);
}

/**
 * Every reservation ends as its handling did: held while the handling is active, applied once paid,
 * released once reverted; a reservation without a handling in any province is a leak (R-PAY-1, R-SYNC-1).
 */
export function reservationsSettled(s: AuditSnapshot, settled: boolean): InvariantResult {
  const handlings = new Map<string, AuditHandling>();
  for (const p of Object.values(s.provinces)) for (const h of p.handlings) handlings.set(h.id, h);
  const settlements = new Map<string, string>();
  for (const e of s.platform.ledger) if ((e.kind === "APPLIED" || e.kind === "RELEASED") && e.handlingId) settlements.set(e.handlingId, e.kind);
  const bad: string[] = [];
  const reservations = s.platform.ledger.filter((e) => e.kind === "RESERVED");
  for (const r of reservations) {
    const id = r.handlingId ?? "";
    const h = handlings.get(id);
    const end = settlements.get(id);
    if (!h) {
      if (end !== "RELEASED" && settled) bad.push(`reservation ${id} (violation ${r.violationId}) has no handling and was not released`);
    } else if (h.state === "ACTIVE" && end) bad.push(`handling ${id} is active but its reservation is ${end}`);
    else if (h.state === "PAID" && end !== "APPLIED" && (settled || end)) bad.push(`handling ${id} is paid, reservation ${end ?? "still held"}`);
    else if (h.state === "REVERTED" && end !== "RELEASED" && (settled || end)) bad.push(`handling ${id} reverted, reservation ${end ?? "still held"}`);
  }
  return result("every reservation applied or released", reservations.length, bad);
}

/** Every outbox message delivered, and each message to the home platform in its inbox exactly once. */
export function outboxDeliveredOnce(s: AuditSnapshot, settled: boolean): InvariantResult {
  const inbox = new Map<string, number>();
  for (const m of s.platform.inbox) inbox.set(m.messageId, (inbox.get(m.messageId) ?? 0) + 1);
  const bad: string[] = [];
  let checked = 0;
  for (const [code, p] of Object.entries(s.provinces)) {
    for (const m of p.outbox) {
      checked += 1;
      const seen = inbox.get(m.messageId) ?? 0;
      if (m.destination === HOME && seen > 1) bad.push(`province ${code}: message ${m.messageId} (${m.type}) received ${seen} times`);
      if (m.deliveredAt === null) {
        if (settled) bad.push(`province ${code}: message ${m.messageId} (${m.type}) never delivered after ${m.attempts} attempts`);
      } else if (m.destination === HOME && seen === 0) bad.push(`province ${code}: message ${m.messageId} (${m.type}) marked delivered but not in the home inbox`);
    }
  }
  return result("every outbox message delivered exactly once in effect", checked, bad);
}

/** Every violation of a Chongqing (渝) vehicle, in any province, is indexed at home with that province. */
export function chongqingViolationsIndexed(s: AuditSnapshot, settled: boolean): InvariantResult {
  const index = new Map(s.platform.violationIndex.map((v) => [v.violationId, v]));
  const bad: string[] = [];
  let checked = 0;
  for (const [code, p] of Object.entries(s.provinces)) {
    for (const v of p.violations.filter((x) => x.plate.startsWith("渝"))) {
      checked += 1;
      const at = index.get(v.id);
      if (!at) {
        if (settled) bad.push(`province ${code}: violation ${v.id} of ${v.plate} not indexed at home`);
      } else if (at.provinceCode !== code || at.plate !== v.plate) bad.push(`violation ${v.id} indexed as ${at.plate} in ${at.provinceCode}`);
      else if (settled && at.status !== v.status) bad.push(`violation ${v.id} is ${v.status} in ${code} but ${at.status} at home after settling`);
    }
  }
  return result("every violation of a Chongqing vehicle indexed at home", checked, bad);
}

/** Every invariant over a snapshot; `settled` demands completion (end of a run) rather than progress. */
export function checkInvariants(snapshot: AuditSnapshot, options: { settled: boolean }): InvariantResult[] {
  return [
    noViolationPaidTwice(snapshot),
    paymentsMatchHandlings(snapshot),
    pointsStayBelow12(snapshot),
    reservationsSettled(snapshot, options.settled),
    outboxDeliveredOnce(snapshot, options.settled),
    chongqingViolationsIndexed(snapshot, options.settled),
  ];
}
