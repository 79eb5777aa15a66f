import { describe, expect, it } from "vitest";
import { formatReport, type RunReport } from "../src/report";
import { distribution } from "../src/stats";

describe("report", () => {
  it("distribution gives nearest-rank percentiles", () => {
    expect(distribution([5, 1, 4, 2, 3, 6, 7, 8, 9, 10])).toEqual({ count: 10, p50: 5, p90: 9, p99: 10, max: 10 });
    expect(distribution([])).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, max: 0 });
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
      errorsByCode: { ALREADY_PAID: 2 },
      ok: false,
    };
    const text = formatReport(report);
    expect(text).toContain("seed 7: FAIL");
    expect(text).toContain("✘ two-channels [R-DUP-1]");
    expect(text).toContain("✘ one payment: 2");
    expect(text).toContain("FAIL no violation paid twice (R-DUP-1) — 3 checked, 1 broken: province 51: violation v1 paid 2 times");
    expect(text).toContain("PASS every reservation applied or released — 4 checked");
    expect(text).toContain("n=2 p50=10 p90=20");
    expect(text).toContain("ALREADY_PAID×2");
  });
});
