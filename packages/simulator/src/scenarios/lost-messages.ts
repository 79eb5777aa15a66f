import type { AuditSnapshot } from "../audit-types";
import type { Scenario } from "../scenario";
import { castViolation, handle, mine, pay, provinceStatus } from "./citizen";

/** Message IDs of `province`'s outbox. */
function messageIds(audit: AuditSnapshot, province: string): Set<string> {
  return new Set((audit.provinces[province]?.outbox ?? []).map((m) => m.messageId));
}

/** The attempts of `province`'s outbox messages of `type` that are not in `known`. */
function attempts(audit: AuditSnapshot, province: string, type: string, known: Set<string>): number[] {
  return (audit.provinces[province]?.outbox ?? []).filter((m) => m.type === type && !known.has(m.messageId)).map((m) => m.attempts);
}

/**
 * R-SYNC-1 with an unreliable link: the province's relay loses handoff messages on the way to the home
 * platform and loses the home platform's acknowledgements of messages it did process. The relay retries
 * with backoff until acknowledged; the home inbox (keyed by message ID) discards what it already
 * processed. After settling, the handling's points were reserved once and applied once.
 */
export const lostMessages: Scenario = {
  name: "lost-messages",
  description: "A driver handles and pays while the province's relay loses messages on the way and acknowledgements on the way back: after settling, home has reserved and applied the points exactly once.",
  rules: ["R-SYNC-1", "R-SYNC-2", "R-DUP-1", "R-ELG-6"],
  provincesNeeded: 1,
  async run(sim, expect) {
    const { me, province, id } = await castViolation(sim, { second: true });
    expect.equal("the violation's recording reaches home", await sim.settle(), 0);
    const before = await mine(sim, me);
    const points = before.items.find((v) => v.id === id)?.points ?? 0;
    const lostBefore = (await sim.setFaults(province)).lost;

    // "handled": lost on the way once, then processed with its acknowledgement lost once.
    let known = messageIds(await sim.audit(), province);
    await sim.dropHandoff(province, 1);
    await sim.dropHandoff(province, 1, "acks");
    expect.equal("handling is accepted (authorize is a direct call, not a message)", (await handle(sim, me, id))?.violation?.status, "HANDLED_UNPAID");
    expect.equal("the relay retries until acknowledged", await sim.settle(), 0);
    let audit = await sim.audit();
    expect.equal("the 'handled' message took 3 attempts: lost, unacknowledged, acknowledged", attempts(audit, province, "violation.handled", known), [3]);
    expect.equal("home holds the points in reserve once", (await mine(sim, me)).reserved, (before.reserved ?? 0) + points);

    // "paid": lost on the way once, then processed with its acknowledgement lost twice (home sees it 3 times).
    known = messageIds(audit, province);
    await sim.dropHandoff(province, 1);
    await sim.dropHandoff(province, 2, "acks");
    expect.equal("payment is accepted", (await pay(sim, me, id))?.violation?.status, "PAID");
    expect.equal("the province says PAID at once", await provinceStatus(sim, me, id), "PAID");
    expect.equal("the relay retries until acknowledged", await sim.settle(), 0);
    audit = await sim.audit();
    expect.equal("the 'paid' message took 4 attempts: lost, two unacknowledged, acknowledged", attempts(audit, province, "violation.paid", known), [4]);
    const lost = (await sim.setFaults(province)).lost;
    expect.equal("the shard lost 2 messages and 3 acknowledgements", [lost.requests - lostBefore.requests, lost.acks - lostBefore.acks], [2, 3]);

    const ledger = audit.platform.ledger.filter((e) => e.violationId === id);
    expect.equal("home reserved the points once and applied them once", ledger.map((e) => e.kind).sort(), ["APPLIED", "RESERVED"]);
    const after = await mine(sim, me);
    expect.equal("the driver's points went up by the violation's points exactly once, nothing stays reserved", [after.points, after.reserved], [(before.points ?? 0) + points, before.reserved]);
    expect.equal("and the home list says PAID", after.items.find((v) => v.id === id)?.status, "PAID");
  },
};
