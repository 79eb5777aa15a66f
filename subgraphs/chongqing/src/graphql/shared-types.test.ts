/**
 * The platform subgraph and the `province` subgraph share one definition of DateTime, ProvinceCode,
 * CaptureSource, ViolationStatus and Denial (`@jg/province-service/graphql`). Chongqing builds both
 * schemas in one process (the platform and its own shard 50): type-graphql must give each schema the
 * same definitions, and neither schema may gain the other's types.
 */
import { buildProvinceSchema, printProvinceSchema } from "@jg/province-service";
import { GraphQLScalarType, Kind, parse, print, type DefinitionNode, type GraphQLSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { buildPlatformSchema, printPlatformSchema } from "../schema";

const SHARED = ["DateTime", "ProvinceCode", "CaptureSource", "ViolationStatus", "Denial"] as const;

/** Each named type definition of an SDL, printed with its description and directives. */
function definitions(sdl: string): Map<string, string> {
  const named = (d: DefinitionNode): d is DefinitionNode & { name: { value: string } } => "name" in d && d.name !== undefined;
  return new Map(parse(sdl).definitions.filter(named).map((d) => [d.name.value, print(d)]));
}

function scalar(schema: GraphQLSchema, name: string): GraphQLScalarType {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLScalarType)) throw new Error(`${name} is not a scalar`);
  return type;
}

describe("types shared by the platform and province subgraphs, built in one process", () => {
  it("both SDLs declare each shared type identically, whichever schema is built first and however often", async () => {
    const provinceFirst = await printProvinceSchema();
    const platform = await printPlatformSchema();
    const provinceAgain = await printProvinceSchema();
    const platformAgain = await printPlatformSchema();
    expect(provinceAgain).toBe(provinceFirst);
    expect(platformAgain).toBe(platform);

    const p = definitions(provinceFirst);
    const c = definitions(platform);
    for (const name of SHARED) {
      expect(p.get(name), `province ${name}`).toBeDefined();
      expect(c.get(name), `platform ${name}`).toBe(p.get(name));
    }
    expect(c.get("Denial")).toContain("@shareable");
  });

  it("neither schema gains the other's types", async () => {
    const p = definitions(await printProvinceSchema());
    const c = definitions(await printPlatformSchema());
    expect(c.has("PaymentChannel")).toBe(false); // province-only enum, registered in the same process
    expect(c.has("Payment")).toBe(false);
    expect(p.has("Eligibility")).toBe(false);
    expect(p.has("PlateType")).toBe(false);
  });

  it("the executable scalars behave the same in both subgraphs", async () => {
    const [province, platform] = await Promise.all([buildProvinceSchema(), buildPlatformSchema()]);
    for (const schema of [province, platform]) {
      expect(scalar(schema, "DateTime").serialize(new Date(Date.UTC(2026, 2, 10, 2)))).toBe("2026-03-10T02:00:00.000Z");
      expect(scalar(schema, "ProvinceCode").parseValue("51")).toBe("51");
      expect(() => scalar(schema, "ProvinceCode").parseValue("99")).toThrow(/ProvinceCode/);
      expect(() => scalar(schema, "ProvinceCode").parseLiteral({ kind: Kind.INT, value: "51" })).toThrow(/ProvinceCode/);
    }
  });
});
