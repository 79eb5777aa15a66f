/**
 * The committed SDL is what the code generates (CI's drift check), and the `platform` subgraph
 * composes with the `province` subgraph's committed SDL into one supergraph (Apollo Federation 2).
 * Regenerate with `npx tsx subgraphs/chongqing/print-schema.ts`.
 */
import "reflect-metadata";
import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { printPlatformSchema } from "../src/schema";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

describe("the platform subgraph schema", () => {
  it("matches the committed schema.graphql", async () => {
    expect(await printPlatformSchema()).toBe(read("../schema.graphql"));
  });

  it("declares the contract's names (docs/design.md §7)", async () => {
    const sdl = await printPlatformSchema();
    expect(sdl).toContain("me: Account");
    expect(sdl).toContain("vehicle(plate: String!): Vehicle");
    expect(sdl).toMatch(/type Account\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Vehicle\s+@key\(fields: "plate"\)/);
    expect(sdl).toMatch(/eligibility: Eligibility! @requires\(fields: "[^"]*province \{ code/);
    expect(sdl).toContain("violations(status: ViolationStatus): [Violation]!");
  });

  it("composes with the province subgraph into a supergraph", async () => {
    const result = composeServices([
      { name: "platform", typeDefs: parse(await printPlatformSchema()), url: "http://platform.invalid/graphql" },
      { name: "province", typeDefs: parse(read("../../../packages/province-service/schema.graphql")), url: "http://province.invalid/graphql" },
    ]);
    expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain("eligibility: Eligibility!");
  });
});
