/**
 * Trusted documents (issue #14): production traffic restricted to the operations the apps ship. The
 * manifest is `packages/client/src/gql/persisted-documents.json`, written by `npm run generate:client`
 * (graphql-codegen's client preset, `persistedDocuments`): `sha256:<hex>` → the document's normalized
 * text (`printExecutableGraphQLDocument` of @graphql-tools/documents, the library the preset uses, a
 * dependency for this alone: the gateway must normalize exactly as the generator does).
 *
 * A request names its document by hash (APQ-style `extensions.persistedQuery.sha256Hash`, or a
 * `documentId` of `sha256:<hex>` / `<hex>`) or sends the full text, which is recognized whatever its
 * formatting (normalized, then hashed). Modes (TRUSTED_DOCUMENTS):
 * - `off` (the development default): nothing checked; a known hash is still answered from the manifest;
 * - `log`: everything answered; an operation not in the manifest is logged (hash, operation name);
 * - `enforce`: an operation not in the manifest is refused with OPERATION_NOT_TRUSTED (HTTP 400).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printExecutableGraphQLDocument } from "@graphql-tools/documents";
import { messageFor, type Lang } from "@jg/errors";
import type { HttpRequest, HttpResponse } from "@jg/service-kit";
import { parse } from "graphql";
import type { Logger } from "pino";

export type TrustedDocumentsMode = "off" | "log" | "enforce";

/** Where the generated manifest is committed. */
export const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL("../../../packages/client/src/gql/persisted-documents.json", import.meta.url));

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The hash the client preset gives a document's text (hex, without the `sha256:` prefix). */
export function documentHashOf(query: string): string | undefined {
  try {
    return sha256(printExecutableGraphQLDocument(parse(query)));
  } catch {
    return undefined; // does not parse: Apollo answers the syntax error
  }
}

/** The manifest, keyed by hex hash (the `sha256:` prefix dropped). */
export function loadManifest(path = DEFAULT_MANIFEST_PATH): Map<string, string> {
  const raw = JSON.parse(readFileSync(path, "utf8")) as Record<string, string>;
  return new Map(Object.entries(raw).map(([key, text]) => [key.replace(/^sha256:/, ""), text]));
}

const asRecord = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** The hash a request names, if any. */
function requestedHash(body: Record<string, unknown>): string | undefined {
  const documentId = body["documentId"];
  if (typeof documentId === "string") return documentId.replace(/^sha256:/, "");
  const hash = asRecord(asRecord(body["extensions"])?.["persistedQuery"])?.["sha256Hash"];
  return typeof hash === "string" ? hash : undefined;
}

export interface TrustedDocumentsOptions {
  mode: TrustedDocumentsMode;
  manifest: ReadonlyMap<string, string>;
  logger: Logger;
  language: (req: HttpRequest) => Lang;
  /** Counts each refusal (metrics). */
  onRefused?: () => void;
}

/**
 * The `preprocess` hook of the GraphQL mount: puts a known hash's text in the request, and in `log` /
 * `enforce` mode logs or refuses operations that are not in the manifest.
 */
export function trustedDocuments(options: TrustedDocumentsOptions): (req: HttpRequest) => HttpResponse | undefined {
  const { mode, manifest, logger } = options;
  // Text → hash of the texts seen lately, so a client that sends full text is normalized once, not per request.
  const seen = new Map<string, string | undefined>();
  const hashOfText = (query: string) => {
    if (seen.has(query)) return seen.get(query);
    const hash = manifest.has(sha256(query)) ? sha256(query) : documentHashOf(query);
    if (seen.size >= 1000) seen.delete(seen.keys().next().value!);
    seen.set(query, hash);
    return hash;
  };
  const refuse = (req: HttpRequest): HttpResponse => {
    options.onRefused?.();
    const lang = options.language(req);
    return { status: 400, json: { errors: [{ message: messageFor("OPERATION_NOT_TRUSTED", lang), extensions: { code: "OPERATION_NOT_TRUSTED" } }] } };
  };
  return (req) => {
    const body = asRecord(req.body);
    let query: string | undefined;
    let hash: string | undefined;
    let operationName: unknown;
    if (req.method === "GET") {
      query = req.query.get("query") ?? undefined;
      operationName = req.query.get("operationName");
      try {
        const extensions = asRecord(JSON.parse(req.query.get("extensions") ?? "null"));
        const h = asRecord(extensions?.["persistedQuery"])?.["sha256Hash"];
        if (typeof h === "string") hash = h;
      } catch {
        // Apollo answers the malformed parameter
      }
      if (hash && !query && manifest.has(hash)) {
        // A GET by hash: Apollo reads the query from the search parameters.
        req.query.set("query", manifest.get(hash)!);
        return undefined;
      }
    } else if (body) {
      operationName = body["operationName"];
      hash = requestedHash(body);
      if (hash !== undefined && typeof body["query"] !== "string" && manifest.has(hash)) {
        body["query"] = manifest.get(hash);
        delete body["documentId"];
        return undefined;
      }
      if (typeof body["query"] === "string") query = body["query"];
    } else {
      return undefined; // not a GraphQL request body: Apollo answers it
    }
    if (mode === "off") return undefined;
    const known = query !== undefined ? hashOfText(query) : undefined;
    if (known !== undefined && manifest.has(known)) return undefined;
    if (query === undefined && hash === undefined) return undefined; // no operation at all: Apollo's 400
    if (query !== undefined && known === undefined) return undefined; // does not parse: Apollo's syntax error
    logger.warn({ trustedDocuments: mode, hash: known ?? hash, operationName: typeof operationName === "string" ? operationName : undefined }, "operation not in the trusted documents manifest");
    return mode === "enforce" ? refuse(req) : undefined;
  };
}
