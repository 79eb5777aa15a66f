import { describe, expect, it } from "vitest";
import { reportView } from "../src/html-model";
import { formatReport, type RunReport } from "../src/report";
import { Simulation, skippedBetween } from "../src/sim";
import type { AuditSnapshot } from "../src/audit-types";
import { distribution } from "../src/stats";

describe("report", () => {
  it("distribution gives nearest-rank percentiles", () => {
    expect(distribution([5, 1, 4, 2, 3, 6, 7, 8, 9, 10])).toEqual({ count: 10, p50: 5, p90: 9, p99: 10, max: 10 });
    expect(distribution([])).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  });

  it("R-MNT-1: a scenario's findings (a reconciliation's mismatches) appear in the text report and the HTML report's model", () => {
    const notes = ["platform only: p-1 (5101000000000001) platform 100 / bank — yuan", "bank only: PSBC-9 (no violation) platform — / bank 200 yuan"];
    const report: RunReport = {
      kind: "scenarios",
      provinces: ["51"],
      seed: 7,
      scenarios: [{ name: "bank-reconciliation", rules: ["R-MNT-1"], ok: true, expectations: [{ what: "reported", ok: true }], notes, invariants: [], durationMs: 5, pending: 0 }],
      invariants: [],
      handoffLatencyMs: distribution([]),
      handoffLatencyLivedMs: distribution([]),
      errorsByCode: {},
      ok: true,
    };
    const text = formatReport(report);
    for (const note of notes) expect(text).toContain(`· ${note}`);
    expect(reportView(report).scenarios[0]!.notes).toEqual(notes);
  });

  it("the text report lists failed expectations, invariants with counts, latency and errors by code", () => {
    const report: RunReport = {
      kind: "scenarios",
      provinces: ["51"],
      seed: 7,
      scenarios: [
        { name: "two-channels", rules: ["R-DUP-1"], ok: false, expectations: [{ what: "one payment", ok: false, detail: "2" }], invariants: [], durationMs: 12, pending: 0 },
      ],
      invariants: [
        { name: "no violation paid twice (R-DUP-1)", ok: false, checked: 3, violations: ["province 51: violation v1 paid 2 times"] },
        { name: "every reservation applied or released", ok: true, checked: 4, violations: [] },
      ],
      handoffLatencyMs: distribution([10, 20]),
      handoffLatencyLivedMs: distribution([3, 4]),
      errorsByCode: { ALREADY_PAID: 2 },
      faults: { "51": { latencyMs: 4000, dropHandoff: 0, dropAcks: 1, lost: { requests: 3, acks: 1 } } },
      ok: false,
    };
    const text = formatReport(report);
    expect(text).toContain("seed 7: FAIL");
    expect(text).toContain("✘ two-channels [R-DUP-1]");
    expect(text).toContain("✘ one payment: 2");
    expect(text).toContain("FAIL no violation paid twice (R-DUP-1) — 3 checked, 1 broken: province 51: violation v1 paid 2 times");
    expect(text).toContain("PASS every reservation applied or released — 4 checked");
    expect(text).toContain("Handoff latency (virtual, with clock jumps): n=2 p50=10 p90=20");
    expect(text).toContain("Handoff latency (lived, without clock jumps): n=2 p50=3 p90=4");
    expect(text).toContain("ALREADY_PAID×2");
    expect(text).toContain("Faults of 51: latency 4000 ms; lost 3 messages on the way and 1 acknowledgements (0 + 1 still to lose)");
  });

  it("skippedBetween counts only the part of each clock jump inside the span", () => {
    const jumps = [
      { from: 100, to: 200 },
      { from: 300, to: 1000 },
    ];
    expect(skippedBetween(jumps, 0, 1000)).toBe(800);
    expect(skippedBetween(jumps, 150, 350)).toBe(100);
    expect(skippedBetween(jumps, 200, 300)).toBe(0);
    expect(skippedBetween([], 0, 1000)).toBe(0);
  });

  it("handoff latency without jumps subtracts the spans the clock skipped while a message waited", () => {
    const at = (ms: number) => new Date(ms).toISOString();
    const audit = {
      platform: { inbox: [{ messageId: "m1", receivedAt: at(10_000) }, { messageId: "m2", receivedAt: at(7_300_500) }] },
      provinces: { "51": { outbox: [{ messageId: "m1", createdAt: at(9_000) }, { messageId: "m2", createdAt: at(100_000) }, { messageId: "lost", createdAt: at(0) }] } },
    } as unknown as AuditSnapshot;
    const jumps = [{ from: 100_200, to: 7_300_200 }];
    expect(Simulation.handoffLatency(audit)).toMatchObject({ count: 2, max: 7_200_500 });
    expect(Simulation.handoffLatency(audit, jumps)).toMatchObject({ count: 2, p50: 500, max: 1000 });
  });
});
