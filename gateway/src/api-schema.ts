/**
 * The API schema: what clients see of the supergraph (docs/design.md §3), without the join__/link
 * machinery and `@inaccessible` elements, as Apollo Gateway derives it. Frontend tooling (the typed client
 * in packages/client, the IDE examples' test, the schema-change guard) works on this printed SDL.
 */
import { createRequire } from "node:module";
import { Supergraph } from "@apollo/federation-internals";

// graphql-js as federation-internals loads it (see graphql-cjs.ts): printSchema checks its schema's class.
const { printSchema } = createRequire(import.meta.url)("graphql") as typeof import("graphql");

/** Prints the API schema of a supergraph SDL. */
export function apiSchemaSdl(supergraphSdl: string): string {
  return `${printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()).trimEnd()}\n`;
}
