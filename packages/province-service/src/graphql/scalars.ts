import { isProvinceCode } from "@jg/provinces";
import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { GraphQLDateTimeISO } from "graphql-scalars";

/**
 * `DateTime`: an ISO 8601 instant with offset (docs/design.md §7). graphql-scalars' DateTimeISO under the
 * contract's name, so outputs are ISO strings ("2026-01-01T00:00:00.000Z") rather than Date objects.
 * Both subgraphs use this one scalar (exported as `@jg/province-service/graphql`), so the supergraph
 * has one DateTime and one ProvinceCode.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLDateTimeISO.toConfig(),
  name: "DateTime",
  description: "An instant in ISO 8601 (RFC 3339) with offset, e.g. 2026-03-10T02:00:00.000Z.",
});

function checkProvinceCode(value: unknown): string {
  if (typeof value !== "string" || !/^[0-9]{2}$/.test(value) || !isProvinceCode(value)) {
    throw new GraphQLError(`ProvinceCode must be one of the 31 two-digit province codes, got ${JSON.stringify(value)}`, {
      extensions: { code: "INVALID_PROVINCE_CODE" },
    });
  }
  return value;
}

/**
 * `ProvinceCode`: a custom scalar (not a plain String) so every field and argument that names a shard
 * is validated in one place: two ASCII digits naming one of the 31 provinces (GB/T 2260). The gateway's
 * route table reads the `province` argument of this type.
 */
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
