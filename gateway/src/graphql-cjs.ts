/**
 * graphql-js exactly as Apollo's CommonJS packages (@apollo/gateway, federation-internals, subgraph) load
 * it. Node itself resolves `import "graphql"` to that same CommonJS build, but vitest's resolver picks the
 * package's `.mjs` build for our sources, which makes a second graphql-js: `instanceof GraphQLError`
 * and `isObjectType` then fail on Apollo's objects ("Cannot use GraphQLSchema from another module").
 * Everything whose identity matters (error classes, type predicates) comes from here; AST helpers
 * (`parse`, `print`, `visit`, `Kind`) work on plain objects and are imported from "graphql" as usual.
 */
import { createRequire } from "node:module";

const graphql = createRequire(import.meta.url)("graphql") as typeof import("graphql");

export const {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  isUnionType,
} = graphql;

/** The error class's instance type, under the same name as the class. */
export type GraphQLError = import("graphql").GraphQLError;
