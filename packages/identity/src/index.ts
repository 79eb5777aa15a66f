export { hashApiKey } from "./api-key";
export { identitySchema, type Identity, type IdentityKind } from "./identity";
export { TokenError, type TokenErrorCode } from "./errors";
export { KeyDirectory, keyDirectorySchema, ROLES, type KeyDirectoryEntry, type KeyDirectoryJson, type Role, type Signer } from "./keys";
export { assertListed, keyDirectoryFromConfig, serviceKeysFromEnv, serviceKeysSchema, type ServiceKeys } from "./service-keys";
export { generateServiceKey, signerFromJwk, type ServiceSigner } from "./signing";
export { CLOCK_TOLERANCE_SECONDS, SIGNING_ALGORITHMS } from "./verify-compact";
export { JWKS_PATH, jwksRoute } from "./jwks";
export { generateKeySet, serviceKeysOf, signerOf, type GeneratedKeySet, type ServiceKeySpec } from "./generate";
export {
  headerValue,
  IDENTITY_AUDIENCE,
  IDENTITY_HEADER,
  IDENTITY_REUSE_MS,
  identityHeaders,
  IDENTITY_TTL_SECONDS,
  IDENTITY_TYP,
  OPERATION_HEADER,
  readIdentity,
  signIdentity,
  verifyIdentity,
  verifyIdentityToken,
  type HeadersLike,
  type SignIdentityOptions,
  type VerifiedIdentity,
  type VerifyIdentityOptions,
} from "./identity-token";
export {
  authenticateService,
  bearer,
  bearerToken,
  COMPOSE_AUDIENCE,
  isComposer,
  SERVICE_TOKEN_HEADER,
  SERVICE_TOKEN_TTL_SECONDS,
  SERVICE_TOKEN_TYP,
  isServiceCaller,
  signServiceToken,
  verifyServiceToken,
  type ServiceTokenClaims,
  type VerifiedService,
  type VerifyServiceTokenOptions,
} from "./service-token";
export {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_TTL_SECONDS,
  ACCESS_TOKEN_TYP,
  signAccessToken,
  verifyAccessToken,
  type SignAccessTokenOptions,
} from "./access-token";
export {
  ACCESS_STATEMENT_AUDIENCE,
  ACCESS_STATEMENT_REUSE_MS,
  ACCESS_STATEMENT_TTL_SECONDS,
  accessStatements,
  ACCESS_STATEMENT_TYP,
  inPeriod,
  signAccessStatement,
  statementCovers,
  verifyAccessStatement,
  type AccessPeriod,
  type AccessStatement,
} from "./access-statement";
export { reusedTokens, type ReusedTokensOptions } from "./reused-tokens";
export { readCarriedIdentity, type CarriedBy, type CarriedIdentity } from "./carried-identity";
