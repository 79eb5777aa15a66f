/** Handoff latency of a run: virtual ms from a province's outbox row to the home inbox, from an audit. */
import type { AuditSnapshot } from "./audit-types";
import { distribution, type Distribution } from "./stats";
import { skippedBetween, type ClockJump } from "./virtual-time";

/** Without `jumps`: virtual latency; with the run's jumps: the latency lived (skipped spans left out). */
export function handoffLatency(audit: AuditSnapshot, jumps: readonly ClockJump[] = []): Distribution {
  const received = new Map(audit.platform.inbox.map((m) => [m.messageId, Date.parse(m.receivedAt)]));
  const values: number[] = [];
  for (const p of Object.values(audit.provinces)) {
    for (const m of p.outbox) {
      const at = received.get(m.messageId);
      if (at === undefined) continue;
      const created = Date.parse(m.createdAt);
      values.push(Math.max(0, at - created - skippedBetween(jumps, created, at)));
    }
  }
  return distribution(values);
}
