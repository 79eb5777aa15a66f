/**
 * A province down behind Hive Gateway (issue 13 follow-up). Hive's federation executor builds the
 * representations of a `@requires` fetch (the platform's `Violation.eligibility`) from every entity of the
 * list, the ones whose earlier fetch failed included: where the standalone router answered
 * `null` + PROVINCE_UNAVAILABLE at `["_entities", i]`, each required field of that representation is the
 * serialised GraphQLError itself (`"plate": {"message": …, "path": […], "extensions": {…}}`). The platform
 * batches the required facts of one request through DataLoaders (the vehicle by `plate`), so one such
 * representation failed the whole batch: INTERNAL_SERVER_ERROR for every item, and, `eligibility` being
 * non-null, every province's violation came back null.
 *
 * This hook, run on every subgraph fetch, leaves such representations out of the request (their entity
 * already carries the subgraph's error, e.g. PROVINCE_UNAVAILABLE), answers them `null` without another
 * error, and puts the answer back in the original order and length with `["_entities", i]` paths remapped,
 * as our gateway's own entity split does (gateway/src/routing/entities.ts). Requests without a failed
 * representation are sent unchanged.
 */

type Json = Record<string, unknown>;
interface EntityError {
  path?: (string | number)[];
  [key: string]: unknown;
}

/** A serialised GraphQLError in place of a field value: what Hive puts for a field its earlier fetch lost. */
function isError(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const v = value as Json;
  return typeof v["message"] === "string" && Array.isArray(v["path"]);
}

/** Whether a representation carries a failed field (at any depth of its required selection). */
function isFailedRepresentation(representation: unknown): boolean {
  if (typeof representation !== "object" || representation === null) return false;
  return Object.entries(representation as Json).some(([key, value]) => key !== "__typename" && (isError(value) || (typeof value === "object" && value !== null && !Array.isArray(value) && isFailedRepresentation(value))));
}

interface RepresentationSplit {
  /** The request body to send (only the representations that can be resolved). */
  body: Json;
  /** Original index of each representation sent. */
  kept: number[];
  /** How many representations the request had. */
  total: number;
}

/** Undefined when the request is not an `_entities` fetch or has no failed representation: send it as it is. */
function splitFailedRepresentations(body: unknown): RepresentationSplit | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const variables = (body as Json)["variables"];
  if (typeof variables !== "object" || variables === null) return undefined;
  const representations = (variables as Json)["representations"];
  if (!Array.isArray(representations)) return undefined;
  const kept: number[] = [];
  representations.forEach((r, i) => {
    if (!isFailedRepresentation(r)) kept.push(i);
  });
  if (kept.length === representations.length) return undefined;
  return {
    body: { ...(body as Json), variables: { ...(variables as Json), representations: kept.map((i) => representations[i]) } },
    kept,
    total: representations.length,
  };
}

/** The subgraph's answer for the kept representations, back in the original order and length. */
function mergeAnswer(answer: Json | undefined, split: RepresentationSplit): Json {
  const data = answer?.["data"];
  const entities = typeof data === "object" && data !== null ? (data as Json)["_entities"] : undefined;
  const results: unknown[] = Array.from({ length: split.total }, () => null);
  if (Array.isArray(entities)) entities.forEach((e, local) => (results[split.kept[local]!] = e));
  const errors = Array.isArray(answer?.["errors"]) ? (answer["errors"] as EntityError[]).map((e) => remap(e, split.kept)) : [];
  // A whole-fetch failure (no `_entities`) stays one: data null, as the subgraph answered.
  const merged: Json = { ...(answer ?? {}), data: Array.isArray(entities) || split.kept.length === 0 ? { _entities: results } : (data ?? null) };
  if (errors.length > 0) merged["errors"] = errors;
  else delete merged["errors"];
  return merged;
}

function remap(error: EntityError, kept: number[]): EntityError {
  const path = error.path;
  if (!path || path[0] !== "_entities" || typeof path[1] !== "number") return error;
  const original = kept[path[1]];
  return original === undefined ? error : { ...error, path: ["_entities", original, ...path.slice(2)] };
}

interface FetchPayload {
  options: { body?: unknown };
  setOptions(options: FetchPayload["options"]): void;
  endResponse(response: Response): void;
}

/** The `onFetch` hook (Hive Gateway's plugin API). */
export function onFetchSkippingFailedRepresentations(payload: FetchPayload): void | ((done: { response: Response; setResponse(r: Response): void }) => Promise<void>) {
  const raw = payload.options.body;
  if (typeof raw !== "string" || !raw.includes('"representations"')) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return;
  }
  const split = splitFailedRepresentations(parsed);
  if (!split) return;
  const json = (value: Json, init?: ResponseInit) => new Response(JSON.stringify(value), { ...init, headers: { "content-type": "application/json" } });
  if (split.kept.length === 0) return payload.endResponse(json(mergeAnswer(undefined, split)));
  payload.setOptions({ ...payload.options, body: JSON.stringify(split.body) });
  return async ({ response, setResponse }) => {
    let answer: Json;
    try {
      answer = (await response.clone().json()) as Json;
    } catch {
      return; // not JSON: Hive reports it as it would have
    }
    setResponse(json(mergeAnswer(answer, split), { status: response.status }));
  };
}
