/**
 * Settings of the citizen-facing services (SMS codes, filing QR codes, sign-in tokens, leases,
 * feedback uploads), one zod schema nested in the platform config as `citizen`. Defaults are
 * assumptions of this project where the manual gives no number (docs/domain-facts.md: NOT FOUND), so each is
 * configurable.
 */
import { z } from "zod";

const seconds = z.coerce.number().int().positive();

export const citizenSettingsSchema = z.object({
  sms: z
    .object({
      /** Lifetime of an SMS code. Default 300 s (5 minutes). */
      codeTtlSeconds: seconds.default(300),
      /** Wrong or right tries a code allows before a new one is needed. Default 5. */
      maxAttempts: z.coerce.number().int().min(1).default(5),
      /** Minimum time between two codes sent to one phone. Default 60 s. */
      minIntervalSeconds: z.coerce.number().int().min(0).default(60),
      /** Codes one phone may receive in 24 hours. Default 10. */
      maxPerDay: z.coerce.number().int().min(1).default(10),
    })
    .prefault({}),
  /** Lifetime of an owner's filing QR code (R-FIL-4). Default 300 s. */
  filingQrTtlSeconds: seconds.default(300),
  /** Lifetime of a sign-in bearer token. Default 7200 s (2 hours, as @jg/identity). */
  signInTokenTtlSeconds: seconds.default(7200),
  /** Longest lease a partner may write (R-ELG-7). Default 90 days (assumed). */
  maxLeaseDays: z.coerce.number().int().positive().default(90),
  feedback: z
    .object({
      /** Screenshots per feedback (R-FBK-1). Default 3. */
      maxScreenshots: z.coerce.number().int().min(0).default(3),
      /** Size limit of one screenshot after base64 decoding. Default 2 MiB. */
      maxScreenshotBytes: z.coerce.number().int().positive().default(2 * 1024 * 1024),
      /** Longest description. Default 2000 characters. */
      maxDescriptionLength: z.coerce.number().int().positive().default(2000),
    })
    .prefault({}),
});

export type CitizenSettings = z.infer<typeof citizenSettingsSchema>;

/**
 * The largest HTTP request body the platform must accept: a feedback with every screenshot at its
 * size limit, base64-encoded (4 bytes per 3), plus room for the description and the query; never
 * below the 1 MiB default of @jg/service-kit.
 */
export function requestBodyLimit(settings: CitizenSettings): number {
  const { maxScreenshots, maxScreenshotBytes, maxDescriptionLength } = settings.feedback;
  const screenshots = maxScreenshots * Math.ceil(maxScreenshotBytes / 3) * 4;
  return Math.max(1024 * 1024, screenshots + maxDescriptionLength * 6 + 64 * 1024);
}
