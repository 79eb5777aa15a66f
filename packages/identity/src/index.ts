export { identitySchema, type Identity, type IdentityKind } from "./identity";
export { TokenError, type TokenErrorCode } from "./errors";
export { MIN_SECRET_BYTES } from "./jwt";
export {
  headerValue,
  IDENTITY_AUDIENCE,
  IDENTITY_HEADER,
  IDENTITY_ISSUER,
  IDENTITY_TTL_SECONDS,
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
  SERVICE_TOKEN_HEADER,
  SERVICE_TOKEN_ISSUER,
  SERVICE_TOKEN_TTL_SECONDS,
  signServiceToken,
  verifyServiceToken,
  type ServiceTokenClaims,
  type VerifyServiceTokenOptions,
} from "./service-token";
export {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  ACCESS_TOKEN_TTL_SECONDS,
  signAccessToken,
  verifyAccessToken,
  type SignAccessTokenOptions,
} from "./access-token";
