import { describe, expect, it } from "vitest";
import type { AuditSnapshot } from "../src/audit-types";
import { buildTimeline, HOME_LANE, handoffLane, lived, shardLane } from "../src/timeline";

const start = Date.UTC(2026, 2, 10, 2, 0);
const at = (min: number) => new Date(start + min * 60_000).toISOString();

/**
 * A Sichuan violation of a 渝 car: recorded, indexed at home, reserved, handled, left unpaid over a
 * 2-hour clock jump, reverted and released (R-PAY-1); a second one only recorded, its message lost.
 */
function audit(): AuditSnapshot {
  return {
    provinces: {
      "51": {
        code: "51",
        violations: [
          { id: "5100000000000001", plate: "渝A12345", status: "UNHANDLED", fineYuan: 200, points: 3, handlingId: null, recordedAt: at(1) },
          { id: "5100000000000002", plate: "渝A12345", status: "UNHANDLED", fineYuan: 100, points: 0, handlingId: null, recordedAt: at(2) },
        ],
        handlings: [{ id: "h1", violationId: "5100000000000001", accountId: "a1", fineYuan: 200, points: 3, state: "REVERTED", handledAt: at(3) }],
        payments: [],
        outbox: [
          { messageId: "m1", destination: "home-platform", type: "violation.recorded", violationId: "5100000000000001", createdAt: at(1), deliveredAt: at(2), attempts: 1 },
          { messageId: "m2", destination: "home-platform", type: "violation.handled", violationId: "5100000000000001", createdAt: at(3), deliveredAt: at(3), attempts: 1 },
          { messageId: "m3", destination: "home-platform", type: "violation.reverted", violationId: "5100000000000001", createdAt: at(124), deliveredAt: at(125), attempts: 2 },
          { messageId: "m4", destination: "home-platform", type: "violation.recorded", violationId: "5100000000000002", createdAt: at(2), deliveredAt: null, attempts: 3 },
        ],
      },
    },
    platform: {
      licences: [{ number: "L1", firstIssuedOn: "2015-06-01" }],
      ledger: [
        { licenceNumber: "L1", kind: "RESERVED", points: 3, handlingId: "h1", violationId: "5100000000000001", at: at(2.9) },
        { licenceNumber: "L1", kind: "RELEASED", points: 3, handlingId: "h1", violationId: "5100000000000001", at: at(125) },
      ],
      violationIndex: [],
      inbox: [
        { messageId: "m1", type: "violation.recorded", source: "province-51", receivedAt: at(2) },
        { messageId: "m2", type: "violation.handled", source: "province-51", receivedAt: at(3) },
        { messageId: "m3", type: "violation.reverted", source: "province-51", receivedAt: at(125) },
      ],
    },
  };
}

describe("the HTML report's timeline (issue 16)", () => {
  const jumps = [{ from: Date.parse(at(4)), to: Date.parse(at(124)) }];
  const events = [{ kind: "fault" as const, at: Date.parse(at(2)), province: "51", what: "loses next 1 handoff message(s)" }];
  const timeline = buildTimeline(audit(), { start, startedReal: 0, jumps, events, calls: [] });

  it("gives a violation its steps per service in time order: recorded → indexed → reserved → handled → reverted → released (R-PAY-1), ties in the order they happen", () => {
    const v = timeline.violations.find((x) => x.id === "5100000000000001")!;
    expect(v).toMatchObject({ province: "51", plate: "渝A12345", handlings: 1 });
    const instants = v.steps.filter((s) => s.end === undefined).map((s) => [s.lane, s.what]);
    expect(instants).toEqual([
      [shardLane("51"), "recorded at the shard"],
      [HOME_LANE, "indexed at home"],
      [HOME_LANE, "points reserved (authorized)"],
      [shardLane("51"), "handled"],
      [HOME_LANE, "handling known at home"],
      [shardLane("51"), "reverted (unpaid 2 h, R-PAY-1)"],
      [HOME_LANE, "revert known at home"],
      [HOME_LANE, "points released"],
    ]);
    const spans = v.steps.filter((s) => s.end !== undefined);
    expect(spans.map((s) => [s.lane, s.what, (s.end! - s.at) / 60_000])).toEqual([
      [handoffLane("51"), "violation.recorded", 1],
      [handoffLane("51"), "violation.handled", 0],
      [handoffLane("51"), "violation.reverted", 1],
    ]);
  });

  it("keeps an undelivered message as an open step and out of the latency samples", () => {
    const v = timeline.violations.find((x) => x.id === "5100000000000002")!;
    expect(v.steps.map((s) => s.what)).toEqual(["recorded at the shard", "violation.recorded"]);
    expect(v.steps[1]).toMatchObject({ detail: "3 attempt(s), not delivered" });
    expect(v.steps[1]!.end).toBeUndefined();
    expect(timeline.handoff.map((h) => h.violationId)).not.toContain("5100000000000002");
  });

  it("measures each delivered message's handoff latency per province pair, virtual and without the clock's jumps", () => {
    expect(timeline.handoff).toEqual([
      { pair: "51 → home-platform", type: "violation.recorded", violationId: "5100000000000001", virtualMs: 60_000, livedMs: 60_000 },
      { pair: "51 → home-platform", type: "violation.handled", violationId: "5100000000000001", virtualMs: 0, livedMs: 0 },
      { pair: "51 → home-platform", type: "violation.reverted", violationId: "5100000000000001", virtualMs: 60_000, livedMs: 60_000 },
    ]);
  });

  it("carries the simulator's faults and clock jumps, and places instants on the lived axis without the jumps", () => {
    expect(timeline.events).toEqual(events);
    expect(timeline.jumps).toEqual(jumps);
    expect(lived(timeline, Date.parse(at(3)))).toBe(3 * 60_000);
    expect(lived(timeline, Date.parse(at(125)))).toBe(5 * 60_000);
  });
});
