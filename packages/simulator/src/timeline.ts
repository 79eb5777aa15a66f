/**
 * What the HTML report draws over time (issue 16), gathered from what the run already records: every
 * database's audit rows (when a shard recorded a violation, when each handoff message was written and
 * delivered, when the home platform received it, reserved, applied or released points, when the shard
 * handled, was paid or reverted) plus the simulator's own record of its clock moves, the faults it
 * injected, the scenarios it ran and every gateway call it made. Pure functions over that record.
 */
import type { AuditSnapshot } from "./audit-types";
import type { CallRecord, SimEvent } from "./sim-events";
import { skippedBetween, type ClockJump } from "./sim";

export type { CallRecord, SimEvent };

/** A lane of a violation's timeline: a service, or the handoff between two. */
export type Lane = string;

/** One step of a violation's life: an instant (`end` absent) or a span (a message on its way), virtual epoch ms. */
interface Step {
  lane: Lane;
  what: string;
  at: number;
  end?: number;
  detail?: string;
}

interface TimelineViolation {
  id: string;
  province: string;
  plate: string;
  status: string;
  /** Handlings of it (any state). */
  handlings: number;
  steps: Step[];
}

/** One handoff message that reached the home inbox: its province pair and latency, virtual and lived (ms). */
interface HandoffSample {
  pair: string;
  type: string;
  violationId: string | null;
  virtualMs: number;
  livedMs: number;
}

export interface RunTimeline {
  /** The virtual instant the run started at (epoch ms). */
  start: number;
  /** Real epoch ms the run started at (the axis of `calls`). */
  startedReal: number;
  jumps: ClockJump[];
  events: SimEvent[];
  violations: TimelineViolation[];
  handoff: HandoffSample[];
  calls: CallRecord[];
}

/** The lane of a province's shard (Chongqing's shard 50 included). */
export const shardLane = (code: string): Lane => `province ${code} shard`;
/** The lane of handoff messages from a province's shard to the home platform. */
export const handoffLane = (code: string): Lane => `handoff ${code} → home`;
export const HOME_LANE: Lane = "home platform (Chongqing)";

const STEP_NAMES: Record<string, string> = {
  "violation.recorded": "indexed at home",
  "violation.handled": "handling known at home",
  "violation.paid": "payment known at home",
  "violation.reverted": "revert known at home",
};
const LEDGER_NAMES: Record<string, string> = { RESERVED: "points reserved (authorized)", APPLIED: "points applied", RELEASED: "points released", ADJUSTED: "points adjusted" };

/** Every violation of every audited shard with its steps in time order, and every delivered handoff message's latency. */
export function buildTimeline(audit: AuditSnapshot, run: { start: number; startedReal: number; jumps: ClockJump[]; events: SimEvent[]; calls: CallRecord[] }): RunTimeline {
  const t = (iso: string) => Date.parse(iso);
  const received = new Map(audit.platform.inbox.map((m) => [m.messageId, m]));
  const violations = new Map<string, TimelineViolation>();
  const handoff: HandoffSample[] = [];

  for (const [code, p] of Object.entries(audit.provinces)) {
    for (const v of p.violations) {
      violations.set(v.id, {
        id: v.id,
        province: code,
        plate: v.plate,
        status: v.status,
        handlings: 0,
        steps: [{ lane: shardLane(code), what: "recorded at the shard", at: t(v.recordedAt) }],
      });
    }
    const of = (id: string | null) => (id ? violations.get(id) : undefined);
    for (const h of p.handlings) {
      const v = of(h.violationId);
      if (!v) continue;
      v.handlings += 1;
      v.steps.push({ lane: shardLane(code), what: "handled", at: t(h.handledAt), detail: `handling ${h.id} by ${h.accountId}: ${h.fineYuan} yuan, ${h.points} points, now ${h.state}` });
    }
    for (const pay of p.payments) {
      of(pay.violationId)?.steps.push({ lane: shardLane(code), what: "paid", at: t(pay.paidAt), detail: `${pay.amountYuan} yuan via ${pay.channel} (handling ${pay.handlingId})` });
    }
    for (const m of p.outbox) {
      const v = of(m.violationId);
      const created = t(m.createdAt);
      const home = received.get(m.messageId);
      if (m.type === "violation.reverted") v?.steps.push({ lane: shardLane(code), what: "reverted (unpaid 2 h, R-PAY-1)", at: created });
      const delivered = m.deliveredAt ? t(m.deliveredAt) : undefined;
      v?.steps.push({
        lane: handoffLane(code),
        what: m.type,
        at: created,
        ...((delivered ?? home) ? { end: delivered ?? t(home!.receivedAt) } : {}),
        detail: `${m.attempts} attempt(s)${delivered === undefined ? ", not delivered" : ""}`,
      });
      if (home) {
        const at = t(home.receivedAt);
        v?.steps.push({ lane: HOME_LANE, what: STEP_NAMES[m.type] ?? `${m.type} received`, at });
        const virtualMs = Math.max(0, at - created);
        handoff.push({ pair: `${code} → ${m.destination}`, type: m.type, violationId: m.violationId, virtualMs, livedMs: Math.max(0, virtualMs - skippedBetween(run.jumps, created, at)) });
      }
    }
  }
  for (const e of audit.platform.ledger) {
    const v = e.violationId ? violations.get(e.violationId) : undefined;
    v?.steps.push({ lane: HOME_LANE, what: LEDGER_NAMES[e.kind] ?? e.kind, at: t(e.at), detail: `${e.points} points on licence ${e.licenceNumber}` });
  }
  for (const v of violations.values()) v.steps.sort((a, b) => a.at - b.at);
  return { start: run.start, startedReal: run.startedReal, jumps: [...run.jumps], events: [...run.events], violations: [...violations.values()], handoff, calls: [...run.calls] };
}

/** `at` on the lived axis: virtual ms since `start` without the spans the clock jumped over. */
export function lived(timeline: Pick<RunTimeline, "start" | "jumps">, at: number): number {
  return at - timeline.start - skippedBetween(timeline.jumps, timeline.start, at);
}
