/**
 * The API schema: what clients see of the supergraph (docs/design.md §3), without the join__/link
 * machinery and `@inaccessible` elements, as Apollo Gateway derives it. Frontend tooling (the typed client
 * in packages/client, the IDE examples' test, the schema-change guard) works on this printed SDL.
 */
import { Supergraph } from "@apollo/federation-internals";
import { printSchema } from "graphql";

/** Prints the API schema of a supergraph SDL. */
export function apiSchemaSdl(supergraphSdl: string): string {
  return `${printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()).trimEnd()}\n`;
}
