/**
 * What the citizen-facing modules need beyond the database: settings, the SMS and face adapters, and
 * the secrets they sign with. Built once by `createPlatform` from the config.
 */
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
  /** Secret of the sign-in bearer tokens (config.accessTokenSecret). */
  accessTokenSecret: string;
  /** Secret of SMS code hashes and filing QR codes (config.serviceSecret). */
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
    accessTokenSecret: config.accessTokenSecret,
    codeSecret: config.serviceSecret,
  };
}
