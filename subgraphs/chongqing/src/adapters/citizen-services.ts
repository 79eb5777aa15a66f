/**
 * What the citizen-facing modules need beyond the database: settings, the SMS and face adapters, the
 * platform's signing key (access tokens) and its own code secret. Built once by `createPlatform` from the config.
 */
import type { ServiceSigner } from "@jg/identity";
import type { PlatformConfig } from "../config";
import { DevelopmentFaceVerifier, MissingFaceVerifier, type FaceVerifier } from "./face";
import type { CitizenSettings } from "./settings";
import { DevelopmentSmsSender, MissingSmsSender, type SmsSender } from "./sms";

export interface CitizenServices {
  settings: CitizenSettings;
  sms: SmsSender;
  face: FaceVerifier;
  /** Production mode: development-only queries refuse. */
  production: boolean;
  /** The platform's own key: it signs the citizens' access tokens at sign-in (config.keys.signer). */
  accessTokenSigner: ServiceSigner;
  /** Secret of SMS code hashes and filing QR codes (config.codeSecret), never shared with another service. */
  codeSecret: string;
}

/** Real adapters a deployment (or a test) provides; missing ones default by mode. */
export type CitizenAdapters = { sms?: SmsSender; face?: FaceVerifier };

/**
 * The services for a config: development adapters outside production; in production the given
 * adapters, or ones that refuse (PRODUCTION_ADAPTER_MISSING).
 */
export function citizenServices(config: PlatformConfig, adapters: CitizenAdapters = {}): CitizenServices {
  return {
    settings: config.citizen,
    sms: adapters.sms ?? (config.production ? new MissingSmsSender() : new DevelopmentSmsSender()),
    face: adapters.face ?? (config.production ? new MissingFaceVerifier() : new DevelopmentFaceVerifier()),
    production: config.production,
    accessTokenSigner: config.keys.signer,
    codeSecret: config.codeSecret,
  };
}
