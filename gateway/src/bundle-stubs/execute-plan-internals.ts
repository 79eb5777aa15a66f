/**
 * What @apollo/gateway's `dist/executeQueryPlan.js` loads as `@apollo/federation-internals` in the
 * gateway's compiled bundle (issue 12; `packages/cluster/src/build.ts`, `IMPORTER_STUBS`): the real
 * module's functions, with `operationFromDocument` remembered per operation.
 *
 * `executeQueryPlan` rebuilds federation's `Operation` from the client's operation on every request (to
 * shape the response: `computeResponse`), although the operation and its fragments are the same nodes on
 * every request of one text (Apollo Server's document store hands out one cached DocumentNode): 4 % of
 * the gateway's CPU under a 7-province load (352 ms of 8.7 s busy, main 894e24e). The `Operation` is
 * only read there (selections, variable definitions, defaulted variable values), so one per document is
 * kept, in a WeakMap keyed by the document's first definition: it goes when Apollo drops the document,
 * and it is used only for the same schema, the same definition nodes and the same options; anything
 * else (another text, a new supergraph's schema) builds a new one, as before. Errors are not kept.
 * `build.test.ts` checks that this module exports every name `executeQueryPlan.js` uses.
 */
import { createRequire } from "node:module";

/** The part of federation-internals' `operationFromDocument` used here. */
type OperationFromDocument = (
  schema: object,
  document: { definitions: readonly object[] },
  options?: { operationName?: string; validate?: boolean },
) => object;

const apolloGateway = createRequire(createRequire(import.meta.url).resolve("@apollo/gateway"));
const internals = apolloGateway("@apollo/federation-internals") as Record<string, unknown>;
const build = internals["operationFromDocument"] as OperationFromDocument;

export const ERRORS = internals["ERRORS"];
export const assert = internals["assert"];
export const defaultRootName = internals["defaultRootName"];
export const errorCodeDef = internals["errorCodeDef"];

interface Remembered {
  schema: object;
  definitions: readonly object[];
  operationName: string | undefined;
  validate: boolean | undefined;
  operation: object;
}
const remembered = new WeakMap<object, Remembered>();

function sameDefinitions(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** federation-internals' `operationFromDocument`, built once per (schema, definition nodes, options). */
export const operationFromDocument: OperationFromDocument = (schema, document, options) => {
  const first = document.definitions[0];
  const known = first === undefined ? undefined : remembered.get(first);
  if (
    known &&
    known.schema === schema &&
    known.operationName === options?.operationName &&
    known.validate === options?.validate &&
    sameDefinitions(known.definitions, document.definitions)
  ) {
    return known.operation;
  }
  const operation = build(schema, document, options);
  if (first !== undefined) {
    remembered.set(first, { schema, definitions: [...document.definitions], operationName: options?.operationName, validate: options?.validate, operation });
  }
  return operation;
};
