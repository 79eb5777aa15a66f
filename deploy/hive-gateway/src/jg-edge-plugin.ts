/**
 * What Hive Gateway needs from us to stand where our gateway stands (issue 13), as one plugin:
 *
 * - **Partner API keys → identity.** `x-api-key` is checked by our gateway's own function (`apiKeyIdentity`
 *   and the same `API_KEYS` map: SHA-256 hex → partner), and the partner's identity is signed into the
 *   `x-jg-identity` header with this deployment's own key, listed in the key directory with the role
 *   `third-party-edge`, which the subgraphs accept for partners and anonymous callers only. An anonymous
 *   caller gets a signed ANONYMOUS identity (subgraphs refuse a request that carries nothing). A caller with
 *   a bearer token gets nothing signed: Hive's JWT plugin verified the token against our JWKS and it is
 *   forwarded as it came (`authorization`), for the subgraphs to verify again. Both at once, or an unknown
 *   key, are refused with 401 UNAUTHENTICATED, as by our gateway.
 * - **The bearer token's issuer owns its key**: Hive's JWT plugin checks `iss` against the list of issuers
 *   and the signature against the key of the `kid`, not that the two belong together; `issuerOwnsKey`
 *   (./issuer-keys.ts) does, on the payload Hive verified, or the request is refused with 401.
 * - **Documents bounded before validation** with our edge limits (`measureDocument`, the guard every
 *   server of ours runs): selections per set, selections in total, depth, aliases. Hive's own `maxTokens`
 *   and `maxDepth` run too; aliases and selections have no built-in Hive option.
 * - **401 says UNAUTHENTICATED**: Hive's JWT plugin refuses a bad token (401, "Unauthenticated") before
 *   any hook of ours runs on the request; `onResultProcess` still sees that answer and adds our code.
 * - **A province down answers like our gateway**: `_entities` representations Hive builds from entities
 *   whose earlier fetch failed are left out of the subgraph request (./failed-representations.ts).
 */
import { API_KEY_HEADER, apiKeyIdentity, type ApiKeyMap } from "@jg/gateway/api-keys";
import { IDENTITY_HEADER, signIdentity, type Identity, type ServiceSigner } from "@jg/identity";
import { graphqlErrorBody, measureDocument, type DocumentLimits } from "@jg/service-kit";
import { GraphQLError } from "graphql";
import { onFetchSkippingFailedRepresentations } from "./failed-representations";
import { kidOf, type IssuerKeys } from "./issuer-keys";

/** The header value the subgraphs get for this request, kept on the context. */
export const SIGNED_IDENTITY = "jgIdentityHeader";

export interface JgEdgeOptions {
  /** SHA-256 hex of a partner API key → the partner (the gateway's `API_KEYS`). */
  apiKeys: Readonly<ApiKeyMap>;
  /** This deployment's key: role `third-party-edge` in the key directory. */
  signer: ServiceSigner;
  /** Whether a verified bearer token's `kid` is a key of its `iss` (./issuer-keys.ts). */
  issuerOwnsKey: IssuerKeys["issuerOwnsKey"];
  limits: DocumentLimits;
}

function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError("Authentication is required", { extensions: { code: "UNAUTHENTICATED", reason, http: { status: 401 } } });
}

/** The identity this edge vouches for itself, or undefined when the caller's bearer token speaks for it. */
export function ownIdentity(headers: Headers, apiKeys: JgEdgeOptions["apiKeys"]): Identity | undefined {
  const authorization = headers.get("authorization") ?? undefined;
  const partner = apiKeyIdentity(headers.get(API_KEY_HEADER) ?? undefined, authorization, apiKeys, "en");
  if (partner) return partner;
  return authorization === undefined ? { kind: "ANONYMOUS" } : undefined;
}

/** What Hive's JWT plugin puts on the context (`jwt`) for a token it verified. */
interface VerifiedJwt {
  payload?: { iss?: unknown };
  token?: { value?: unknown };
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
    async onContextBuilding({ context, extendContext }: { context: { request?: Request; requestId?: string; jwt?: VerifiedJwt }; extendContext: (extra: Record<string, unknown>) => void }) {
      const token = context.jwt?.token?.value;
      if (typeof token === "string" && !options.issuerOwnsKey(kidOf(token), context.jwt?.payload?.iss)) {
        throw unauthenticated("the token's key is not a key of its issuer");
      }
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
