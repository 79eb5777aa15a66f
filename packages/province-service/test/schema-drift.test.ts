import "reflect-metadata";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printProvinceSchema } from "../src/schema";

// The drift check CI runs: the committed SDL must be exactly what the type-graphql classes generate.
// Regenerate with `npx tsx packages/province-service/print-schema.ts`.
describe("schema.graphql", () => {
  it("matches the SDL generated from the code", async () => {
    const committed = readFileSync(new URL("../schema.graphql", import.meta.url), "utf8");
    expect(await printProvinceSchema()).toBe(committed);
  });

  it("declares the contract's entity keys and routed root fields (docs/design.md §7)", async () => {
    const sdl = await printProvinceSchema();
    // The access statement rides in the key (issue 11, docs/design.md §4), hidden from the public API.
    expect(sdl).toMatch(/type Violation\s+@key\(fields: "id accessStatement"\)/);
    expect(sdl).toMatch(/accessStatement: String @shareable @inaccessible/);
    expect(sdl).toMatch(/type Province\s+@key\(fields: "code"\)/);
    expect(sdl).toContain("violation(id: ID!): Violation");
    expect(sdl).toContain("province(code: ProvinceCode!): Province");
    expect(sdl).toContain("recordViolation(input: RecordViolationInput!): RecordViolationResult!");
  });
});
