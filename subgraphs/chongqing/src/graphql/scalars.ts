/**
 * Scalars shared with the `province` subgraph: the same names and the same wire format, so the two
 * subgraphs compose (a scalar is one type in the supergraph).
 */
import { createRequire } from "node:module";
import { isProvinceCode } from "@jg/provinces";
import { GraphQLError, Kind } from "graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";

/**
 * graphql ships CommonJS and ESM builds (the dual-package hazard). Node loads the CommonJS one for
 * every `import "graphql"` (the package has no "exports"), and so do type-graphql and Apollo; vitest
 * may hand this file the ESM one, whose classes type-graphql's `instanceof GraphQLScalarType` does not
 * recognise. Taking the class through `require` gives the one instance every runtime shares.
 */
const { GraphQLScalarType } = createRequire(import.meta.url)("graphql") as typeof import("graphql");

/** `DateTime`: an ISO 8601 instant (DESIGN §7), output as an ISO string. */
export const DateTimeScalar = new GraphQLScalarType({ ...GraphQLDateTimeISO.toConfig(), name: "DateTime" });

function checkProvinceCode(value: unknown): string {
  if (typeof value !== "string" || !isProvinceCode(value)) {
    throw new GraphQLError(`ProvinceCode must be one of the 31 two-digit province codes, got ${JSON.stringify(value)}`, {
      extensions: { code: "INVALID_PROVINCE_CODE" },
    });
  }
  return value;
}

/** `ProvinceCode`: two digits naming one of the 31 provinces (GB/T 2260). */
export const ProvinceCodeScalar = new GraphQLScalarType({
  name: "ProvinceCode",
  description: "Two-digit GB/T 2260 province code, e.g. \"51\" (Sichuan).",
  serialize: checkProvinceCode,
  parseValue: checkProvinceCode,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError("ProvinceCode must be a string of two digits", { extensions: { code: "INVALID_PROVINCE_CODE" } });
    }
    return checkProvinceCode(ast.value);
  },
});
