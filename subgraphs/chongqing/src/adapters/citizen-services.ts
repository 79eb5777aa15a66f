/**
 * What the citizen-facing modules need beyond the database: settings, the SMS and face adapters, the
 * platform's signing key (access tokens) and its own code secret. Built once by `createPlatform` from the config.
 */
import type { ServiceSigner } from "@jg/identity";
import type { PlatformConfig } from "../config";
import { DevelopmentFaceVerifier, MissingFaceVerifier, type FaceVerifier } from "./face";
import type { CitizenSettings } from "./settings";
import { DevelopmentSmsSender, MissingSmsSender, type SmsLog, type SmsSender } from "./sms";

export interface CitizenServices {
  settings: CitizenSettings;
  sms: SmsSender;
  face: FaceVerifier;
  /** Production mode: no development adapter, no development route. */
  production: boolean;
  /** The platform's own key: it signs the citizens' access tokens at sign-in (config.keys.signer). */
  accessTokenSigner: ServiceSigner;
  /** Secret of SMS code hashes and filing QR codes (config.codeSecret), never shared with another service. */
  codeSecret: string;
}

/** Real adapters a deployment (or a test) provides; missing ones default by mode. */
export type CitizenAdapters = { sms?: SmsSender; face?: FaceVerifier };

/** Production mode was given a development adapter (issue #10 §2): the service refuses to start. */
export class DevelopmentAdapterInProductionError extends Error {
  constructor(readonly adapter: "SMS" | "face verification") {
    super(`production mode refuses the development ${adapter} adapter: configure a real one`);
    this.name = "DevelopmentAdapterInProductionError";
  }
}

/**
 * The services for a config: development adapters outside production (the SMS one writes its codes to
 * `log`); in production the given adapters, or ones that refuse (PRODUCTION_ADAPTER_MISSING). Throws
 * DevelopmentAdapterInProductionError when production mode is given a development adapter.
 */
export function citizenServices(config: PlatformConfig, adapters: CitizenAdapters = {}, log?: SmsLog): CitizenServices {
  if (config.production) {
    if (adapters.sms?.development) throw new DevelopmentAdapterInProductionError("SMS");
    if (adapters.face?.development) throw new DevelopmentAdapterInProductionError("face verification");
  }
  return {
    settings: config.citizen,
    sms: adapters.sms ?? (config.production ? new MissingSmsSender() : new DevelopmentSmsSender(log)),
    face: adapters.face ?? (config.production ? new MissingFaceVerifier() : new DevelopmentFaceVerifier()),
    production: config.production,
    accessTokenSigner: config.keys.signer,
    codeSecret: config.codeSecret,
  };
}
