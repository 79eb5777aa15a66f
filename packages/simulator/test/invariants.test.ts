import { describe, expect, it } from "vitest";
import type { AuditSnapshot } from "../src/audit-types";
import { checkInvariants } from "../src/invariants";

/** A consistent snapshot: one Sichuan violation of a 渝 car, handled, paid, applied, delivered. */
function healthy(): AuditSnapshot {
  return {
    provinces: {
      "51": {
        code: "51",
        violations: [{ id: "v1", plate: "渝A12345", status: "PAID", fineYuan: 200, points: 3, handlingId: "h1", recordedAt: "2026-03-10T01:00:00Z" }],
        handlings: [{ id: "h1", violationId: "v1", accountId: "a1", fineYuan: 200, points: 3, state: "PAID", handledAt: "2026-03-10T02:00:00Z" }],
        payments: [{ id: "p1", handlingId: "h1", violationId: "v1", amountYuan: 200, channel: "APP", paidAt: "2026-03-10T02:30:00Z" }],
        outbox: [{ messageId: "m1", destination: "home-platform", type: "violation.recorded", violationId: "v1", createdAt: "2026-03-10T01:00:00Z", deliveredAt: "2026-03-10T01:00:01Z", attempts: 1 }],
      },
    },
    platform: {
      licences: [{ number: "L1", firstIssuedOn: "2015-06-01" }],
      ledger: [
        { licenceNumber: "L1", kind: "APPLIED", points: 6, handlingId: null, violationId: null, at: "2026-01-01T00:00:00Z" },
        { licenceNumber: "L1", kind: "RESERVED", points: 3, handlingId: "h1", violationId: "v1", at: "2026-03-10T02:00:00Z" },
        { licenceNumber: "L1", kind: "APPLIED", points: 3, handlingId: "h1", violationId: "v1", at: "2026-03-10T02:30:00Z" },
      ],
      violationIndex: [{ violationId: "v1", plate: "渝A12345", provinceCode: "51", status: "PAID" }],
      inbox: [{ messageId: "m1", type: "violation.recorded", source: "province-51", receivedAt: "2026-03-10T01:00:01Z" }],
    },
  };
}

const failed = (s: AuditSnapshot, settled = true) => checkInvariants(s, { settled }).filter((r) => !r.ok);

describe("invariants", () => {
  it("all hold on a consistent snapshot, each counting what it checked", () => {
    const results = checkInvariants(healthy(), { settled: true });
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.checked)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("a second payment row for the violation breaks 'no violation paid twice' (R-DUP-1)", () => {
    const s = healthy();
    s.provinces["51"]!.payments.push({ id: "p2", handlingId: "h1", violationId: "v1", amountYuan: 200, channel: "WECHAT", paidAt: "2026-03-10T02:30:01Z" });
    expect(failed(s).map((r) => r.name)).toEqual(["no violation paid twice (R-DUP-1)"]);
    expect(failed(s)[0]!.violations).toEqual(["province 51: violation v1 paid 2 times", "province 51: handling h1 paid 2 times"]);
  });

  it("a payment of another amount than the fine, or without a handling, is caught", () => {
    const s = healthy();
    s.provinces["51"]!.payments[0]!.amountYuan = 150;
    expect(failed(s).map((r) => r.name)).toEqual(["every payment matches one handling and the province's fine"]);
    const t = healthy();
    t.provinces["51"]!.payments[0]!.handlingId = "nope";
    expect(failed(t)[0]!.violations[0]).toMatch(/has no handling nope/);
  });

  it("a reservation that brings the cycle to 12 is caught; points of a past cycle do not count (R-ELG-6)", () => {
    const s = healthy();
    s.platform.ledger.push({ licenceNumber: "L1", kind: "APPLIED", points: 3, handlingId: null, violationId: null, at: "2026-02-01T00:00:00Z" });
    expect(failed(s).map((r) => r.name)).toEqual(["points below 12 through the platform (R-ELG-6)"]);
    const old = healthy();
    old.platform.ledger.push({ licenceNumber: "L1", kind: "APPLIED", points: 6, handlingId: null, violationId: null, at: "2025-01-01T00:00:00Z" });
    expect(failed(old)).toEqual([]);
  });

  it("two handlings racing for ONE violation count its points once (R-ELG-6, issue #10 §6); two violations count twice", () => {
    const race = (second: string) => {
      const s = healthy();
      s.platform.ledger.push(
        { licenceNumber: "L1", kind: "RESERVED", points: 2, handlingId: "h2", violationId: "v2", at: "2026-03-10T02:40:00Z" },
        { licenceNumber: "L1", kind: "RESERVED", points: 2, handlingId: "h3", violationId: second, at: "2026-03-10T02:40:01Z" },
        { licenceNumber: "L1", kind: "RELEASED", points: 2, handlingId: "h3", violationId: second, at: "2026-03-10T02:40:02Z" },
      );
      return failed(s, false).map((r) => r.name);
    };
    expect(race("v2")).not.toContain("points below 12 through the platform (R-ELG-6)");
    expect(race("v3")).toContain("points below 12 through the platform (R-ELG-6)");
  });

  it("a reservation with neither apply nor release after the run settles is a leak", () => {
    const s = healthy();
    s.platform.ledger.push({ licenceNumber: "L1", kind: "RESERVED", points: 2, handlingId: "h-orphan", violationId: "v9", at: "2026-03-10T03:00:00Z" });
    expect(failed(s, false)).toEqual([]);
    expect(failed(s).map((r) => r.violations)).toEqual([["reservation h-orphan (violation v9) has no handling and was not released"]]);
  });

  it("a paid handling whose reservation was released is caught even mid-run", () => {
    const s = healthy();
    s.platform.ledger[2]!.kind = "RELEASED";
    expect(failed(s, false).map((r) => r.name)).toEqual(["every reservation applied or released"]);
  });

  it("an undelivered message fails only once settled; a duplicate in the inbox always fails", () => {
    const s = healthy();
    s.provinces["51"]!.outbox[0]!.deliveredAt = null;
    expect(failed(s, false)).toEqual([]);
    expect(failed(s).map((r) => r.name)).toEqual(["every outbox message delivered exactly once in effect"]);
    const t = healthy();
    t.platform.inbox.push({ ...t.platform.inbox[0]! });
    expect(failed(t, false)[0]!.violations).toEqual(["province 51: message m1 (violation.recorded) received 2 times"]);
  });

  it("a 渝 violation missing from the home index, or with a stale status after settling, is caught (R-SYNC-2)", () => {
    const s = healthy();
    s.platform.violationIndex[0]!.status = "HANDLED_UNPAID";
    expect(failed(s, false)).toEqual([]);
    expect(failed(s)[0]!.violations).toEqual(["violation v1 is PAID in 51 but HANDLED_UNPAID at home after settling"]);
    s.platform.violationIndex = [];
    expect(failed(s)[0]!.violations).toEqual(["province 51: violation v1 of 渝A12345 not indexed at home"]);
  });
});
