/**
 * What Hive Gateway needs from us to stand where our gateway stands (issue 13), as one plugin:
 *
 * - **Partner API keys → identity.** `x-api-key` is looked up exactly as our gateway does (`hashApiKey`
 *   and the same `API_KEYS` map: SHA-256 hex → partner), and the partner's identity is signed into the
 *   `x-jg-identity` header with this deployment's own key, listed in the key directory with the role
 *   `third-party-edge`, which the subgraphs accept for partners and anonymous callers only. An anonymous
 *   caller gets a signed ANONYMOUS identity (subgraphs refuse a request that carries nothing). A caller with
 *   a bearer token gets nothing signed: Hive's JWT plugin verified the token against our JWKS and it is
 *   forwarded as it came (`authorization`), for the subgraphs to verify again. Both at once, or an unknown
 *   key, are refused with 401 UNAUTHENTICATED, as by our gateway.
 * - **Documents bounded before validation** with our edge limits (`measureDocument`, the guard every
 *   server of ours runs): selections per set, selections in total, depth, aliases. Hive's own `maxTokens`
 *   and `maxDepth` run too; aliases and selections have no built-in Hive option.
 * - **401 says UNAUTHENTICATED**: Hive's JWT plugin refuses a bad token (401, "Unauthenticated") before
 *   any hook of ours runs on the request; `onResultProcess` still sees that answer and adds our code.
 * - **A province down answers like our gateway**: `_entities` representations Hive builds from entities
 *   whose earlier fetch failed are left out of the subgraph request (./failed-representations.ts).
 */
import { API_KEY_HEADER, hashApiKey } from "@jg/gateway/api-keys";
import { IDENTITY_HEADER, signIdentity, type Identity, type ServiceSigner } from "@jg/identity";
import { graphqlErrorBody, measureDocument, type DocumentLimits } from "@jg/service-kit";
import { GraphQLError } from "graphql";
import { onFetchSkippingFailedRepresentations } from "./failed-representations";

/** The header value the subgraphs get for this request, kept on the context. */
export const SIGNED_IDENTITY = "jgIdentityHeader";

export interface JgEdgeOptions {
  /** SHA-256 hex of a partner API key → the partner (the gateway's `API_KEYS`). */
  apiKeys: Readonly<Record<string, { partnerId: string; companyId: string }>>;
  /** This deployment's key: role `third-party-edge` in the key directory. */
  signer: ServiceSigner;
  limits: DocumentLimits;
}

function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError("Authentication is required", { extensions: { code: "UNAUTHENTICATED", reason, http: { status: 401 } } });
}

/** The identity this edge vouches for itself, or undefined when the caller's bearer token speaks for it. */
export function ownIdentity(headers: Headers, apiKeys: JgEdgeOptions["apiKeys"]): Identity | undefined {
  const apiKey = headers.get(API_KEY_HEADER);
  const authorization = headers.get("authorization");
  if (apiKey !== null && authorization !== null) throw unauthenticated("send a bearer token or an API key, not both");
  if (apiKey !== null) {
    const partner = apiKeys[hashApiKey(apiKey.trim())];
    if (!partner) throw unauthenticated("unknown API key");
    return { kind: "PARTNER", partnerId: partner.partnerId, companyId: partner.companyId };
  }
  return authorization === null ? { kind: "ANONYMOUS" } : undefined;
}

/** The plugin (envelop hooks, which Hive Gateway runs). */
export function useJgEdge(options: JgEdgeOptions) {
  return {
    onFetch: onFetchSkippingFailedRepresentations,
    onResultProcess({ result, setResult }: { result: unknown; setResult: (result: unknown) => void }) {
      const coded = withUnauthenticatedCode(result);
      if (coded !== result) setResult(coded);
    },
    onValidate({ params, setResult }: { params: { documentAST: import("graphql").DocumentNode }; setResult: (errors: readonly GraphQLError[]) => void }) {
      const refusal = measureDocument(params.documentAST, options.limits);
      if (!refusal) return;
      const body = graphqlErrorBody(refusal.code, { limit: refusal.limit, actual: refusal.actual });
      const error = body.errors![0]!;
      setResult([new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } })]);
    },
    async onContextBuilding({ context, extendContext }: { context: { request?: Request; requestId?: string }; extendContext: (extra: Record<string, unknown>) => void }) {
      const request = context.request;
      if (!request) return;
      const identity = ownIdentity(request.headers, options.apiKeys);
      if (!identity) return;
      const requestId = context.requestId ?? request.headers.get("x-request-id") ?? undefined;
      const header = await signIdentity(identity, { signer: options.signer, ...(requestId ? { requestId } : {}) });
      extendContext({ [SIGNED_IDENTITY]: header });
    },
  };
}

/** The headers every subgraph request carries: the signed identity or the caller's bearer, the request ID, the language. */
export function subgraphHeaders(request: Request, context: Record<string, unknown>): Record<string, string | undefined> {
  const signed = context[SIGNED_IDENTITY];
  return {
    [IDENTITY_HEADER]: typeof signed === "string" ? signed : undefined,
    authorization: typeof signed === "string" ? undefined : (request.headers.get("authorization") ?? undefined),
    "accept-language": request.headers.get("accept-language") ?? undefined,
    "x-request-id": (typeof context["requestId"] === "string" ? context["requestId"] : undefined) ?? request.headers.get("x-request-id") ?? undefined,
  };
}

/**
 * The answer with `extensions.code` UNAUTHENTICATED on every 401 error that has no code (Hive's JWT plugin
 * sends none); the same object when there is nothing to add.
 */
export function withUnauthenticatedCode(result: unknown): unknown {
  if (typeof result !== "object" || result === null || Array.isArray(result)) return result;
  const errors = (result as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return result;
  // By shape, not `instanceof`: Hive's runtime may load another copy of graphql (CJS beside ESM).
  const uncoded = (e: unknown): e is GraphQLError => {
    const ext = (e as { extensions?: Record<string, unknown> } | null)?.extensions;
    return typeof (e as { message?: unknown } | null)?.message === "string" && !!ext && ext["code"] === undefined && (ext["http"] as { status?: number } | undefined)?.status === 401;
  };
  if (!errors.some(uncoded)) return result;
  return {
    ...result,
    errors: errors.map((e: unknown) => (uncoded(e) ? new GraphQLError(e.message, { extensions: { ...e.extensions, code: "UNAUTHENTICATED" } }) : e)),
  };
}
