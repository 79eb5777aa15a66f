import { describe, expect, it } from "vitest";
import { groupByNeeds } from "../src/runner";
import type { Scenario } from "../src/scenario";
import { scenarios } from "../src/scenarios";
import { DEFAULT_START } from "../src/sim";

const story = (name: string, needs: Partial<Scenario> = {}): Scenario => ({ name, description: name, rules: [], provincesNeeded: 0, run: async () => {}, ...needs });
const epidemic = (start: Date) => [{ policy: "epidemic-2020" as const, provinces: ["50"], from: start.toISOString().slice(0, 10), to: "2099-12-31" }];

describe("groupByNeeds", () => {
  it("puts scenarios with the same delivery delay and policy table on one system, in their order", () => {
    const list = [story("a"), story("delay", { deliveryDelayMs: 5 }), story("b"), story("epi", { policyPeriods: epidemic }), story("c"), story("epi2", { policyPeriods: epidemic })];
    const groups = groupByNeeds(list, new Date(DEFAULT_START));
    expect(groups.map((g) => g.scenarios.map((s) => s.name))).toEqual([["a", "b", "c"], ["delay"], ["epi", "epi2"]]);
    expect(groups[2]!.needs).toEqual({ deliveryDelayMs: 0, policyPeriods: [{ policy: "epidemic-2020", provinces: ["50"], from: "2026-03-10", to: "2099-12-31" }] });
  });

  it("runs the shipped scenarios on three systems: shared, delivery delay, epidemic period", () => {
    const groups = groupByNeeds(scenarios, new Date(DEFAULT_START));
    expect(groups.map((g) => g.scenarios.length)).toEqual([scenarios.length - 2, 1, 1]);
    expect(groups[2]!.scenarios[0]!.name).toBe("filed-vehicle-epidemic");
    expect(groups[2]!.needs.policyPeriods?.[0]).toMatchObject({ policy: "epidemic-2020", from: "2026-03-10", to: "2026-04-08", assumed: true });
  });
});
