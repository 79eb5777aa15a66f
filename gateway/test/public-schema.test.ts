/**
 * Issue #10 §2: the public graph has no development back door. Walks the API schema of the committed
 * supergraph (what the gateway serves): no type, field, argument or enum value is named or documented as
 * development-only, and no field reachable from a root returns an SMS or verification code.
 */
import { readFileSync } from "node:fs";
import { Supergraph } from "@apollo/federation-internals";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
} from "graphql";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, SUPERGRAPH_FILE } from "../src/compose";

const DEVELOPMENT_NAME = /development|^dev[A-Z_]|^dev$/i;
const DEVELOPMENT_DOC = /development[- ](only|mode)|dev(elopment)? (adapter|back ?door)|not in production|refused in production/i;
/** An output field that would hand out a code: a scalar named as an SMS / verification code, or a code field of an SMS type. */
const CODE_FIELD = /(sms|verification|otp|face)_?codes?$/i;

type Finding = string;

function walk(supergraphSdl: string): { findings: Finding[]; visitedTypes: number } {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const queue: GraphQLNamedType[] = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t) => t != null);
  const check = (where: string, name: string, description: string | null | undefined) => {
    if (DEVELOPMENT_NAME.test(name)) findings.push(`${where} is named like a development item`);
    if (description && DEVELOPMENT_DOC.test(description)) findings.push(`${where} is documented as development-only: ${description}`);
  };
  while (queue.length > 0) {
    const type = queue.shift()!;
    if (seen.has(type.name) || type.name.startsWith("__")) continue;
    seen.add(type.name);
    check(`type ${type.name}`, type.name, type.description);
    if (isEnumType(type)) for (const v of type.getValues()) check(`${type.name}.${v.name}`, v.name, v.description);
    if (isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) {
        check(`${type.name}.${f.name}`, f.name, f.description);
        queue.push(getNamedType(f.type));
      }
    }
    if (isObjectType(type) || isInterfaceType(type)) {
      const smsType = /sms/i.test(type.name);
      for (const f of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        const where = `${type.name}.${f.name}`;
        check(where, f.name, f.description);
        const scalar = isScalarType(getNamedType(f.type));
        if ((CODE_FIELD.test(f.name) && scalar) || (smsType && /code/i.test(f.name))) findings.push(`${where} returns a code`);
        for (const a of f.args as readonly GraphQLArgument[]) {
          check(`${where}(${a.name})`, a.name, a.description);
          queue.push(getNamedType(a.type));
        }
        queue.push(getNamedType(f.type));
      }
    }
  }
  return { findings, visitedTypes: seen.size };
}

describe("issue #10 §2: no development back door in the public graph", () => {
  const supergraph = readFileSync(`${REPO_ROOT}${SUPERGRAPH_FILE}`, "utf8");

  it("no field of the composed public schema returns a code, and none is named or documented as development-only", () => {
    const { findings, visitedTypes } = walk(supergraph);
    expect(visitedTypes).toBeGreaterThan(20);
    expect(findings).toEqual([]);
  });

  it("the walk finds a development query like the one issue #10 reported (the check can fail)", () => {
    const planted = supergraph.replace(
      /(type Query\n(?:.*\n)*?\{\n)/,
      `$1  """Development mode only: the SMS codes sent to a phone, newest first."""\n  developmentSmsCodes(phone: String!): [SmsCodeSent!]! @join__field(graph: PLATFORM)\n  sentSmsCodes(phone: String!): [String!]! @join__field(graph: PLATFORM)\n`,
    );
    expect(planted).not.toBe(supergraph);
    const { findings } = walk(planted);
    expect(findings).toEqual(
      expect.arrayContaining([
        "Query.developmentSmsCodes is named like a development item",
        expect.stringMatching(/^Query\.developmentSmsCodes is documented as development-only/),
        "Query.sentSmsCodes returns a code",
      ]),
    );
  });
});
