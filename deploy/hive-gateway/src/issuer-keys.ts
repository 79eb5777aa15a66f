/**
 * The keys Hive Gateway's JWT plugin verifies bearer access tokens with, and which issuer owns each
 * (docs/design.md §8: a receiver checks "that the `kid` is an active key of the named signer").
 * jsonwebtoken checks the token's `iss` against a list and its signature against whatever key a provider
 * returns for its `kid`; it never asks whether that key is the named issuer's, so one issuer's key would
 * verify a token naming another. Every provider here records the owner of each key it hands out, and
 * `issuerOwnsKey` checks a verified token's `iss` against that record (the plugin, after Hive's JWT plugin).
 */
import { createPublicKey, type JsonWebKey } from "node:crypto";
import type { KeyDirectory } from "@jg/identity";

/** A signing key provider as Hive's JWT plugin calls it: the PEM for a `kid`, or "" to ask the next one. */
export type KeyProvider = (kid?: string) => string | Promise<string>;

/** A published JWKS and the one issuer whose keys it holds. */
export interface IssuerJwks {
  issuer: string;
  url: string;
}

export interface IssuerKeys {
  /** For `jwt.signingKeyProviders`: the directory's keys first, then each published JWKS in order. */
  providers: [KeyProvider, ...KeyProvider[]];
  /** Whether `kid` is a key of the issuer `iss` (false for a key no provider handed out). */
  issuerOwnsKey(kid: string | undefined, iss: unknown): boolean;
}

/**
 * @param directoryIssuers issuers verified against the key directory's keys (they publish no JWKS)
 * @param jwks the published JWKS, each with its issuer
 * @param remote a provider reading one JWKS URL (Hive's `createRemoteJwksSigningKeyProvider`)
 */
export function issuerKeys(directory: KeyDirectory, directoryIssuers: readonly string[], jwks: readonly IssuerJwks[], remote: (url: string) => KeyProvider): IssuerKeys {
  /** kid → its issuer; a kid two issuers claim is nobody's. */
  const owners = new Map<string, string | null>();
  const own = (kid: string, issuer: string) => owners.set(kid, owners.has(kid) && owners.get(kid) !== issuer ? null : issuer);
  const pems = new Map<string, string>();
  for (const service of directoryIssuers) {
    for (const jwk of directory.jwksOf(service).keys) {
      if (!jwk.kid) continue;
      own(jwk.kid, service);
      pems.set(jwk.kid, createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }).export({ type: "spki", format: "pem" }).toString());
    }
  }
  const fromDirectory: KeyProvider = (kid) => (kid !== undefined && owners.get(kid) ? (pems.get(kid) ?? "") : "");
  const fromJwks = jwks.map(({ issuer, url }): KeyProvider => {
    const fetchKey = remote(url);
    return async (kid) => {
      if (kid === undefined || pems.has(kid)) return ""; // no kid, or a directory issuer's: not this JWKS's to answer
      const key = await fetchKey(kid);
      if (key) own(kid, issuer);
      return key;
    };
  });
  return {
    providers: [fromDirectory, ...fromJwks],
    issuerOwnsKey: (kid, iss) => kid !== undefined && typeof iss === "string" && owners.get(kid) === iss,
  };
}

/** The `kid` of a compact JWS's protected header, undefined when it has none or is not a JWS. */
export function kidOf(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8")) as { kid?: unknown };
    return typeof header.kid === "string" ? header.kid : undefined;
  } catch {
    return undefined;
  }
}
