/**
 * Fetches the audit of every running database (`GET /internal/audit` on each shard and on the home
 * platform) into one snapshot for the invariant checker. A stopped province is left out (its database
 * cannot be read while its process is down); the report says which were missing.
 */
import { audienceOf, internalGet, type RunningSystem } from "@jg/cluster";
import type { AuditSnapshot, PlatformAudit, ProvinceAudit } from "./audit-types";
import { HOME_PROVINCE_CODE } from "@jg/provinces";

function getAudit<T>(system: RunningSystem, url: string, audience: string, now: Date): Promise<T> {
  return internalGet<T>(url, "/internal/audit", audience, system.keys, now);
}

/** The audit snapshot of every running service at `now` (the system's virtual time, for tokens). */
export async function fetchAudit(system: RunningSystem, now: Date): Promise<AuditSnapshot & { missing: string[] }> {
  const running = (name: string) => system.services.get(name)?.status === "running";
  const missing: string[] = [];
  const provinces: Record<string, ProvinceAudit> = {};
  await Promise.all(
    Object.entries(system.shards).map(async ([code, url]) => {
      if (!running(code === HOME_PROVINCE_CODE ? "chongqing" : `province-${code}`)) return void missing.push(code);
      provinces[code] = await getAudit<ProvinceAudit>(system, url, audienceOf(`province-${code}`), now);
    }),
  );
  const platform = await getAudit<PlatformAudit>(system, system.platformUrl, audienceOf("chongqing"), now);
  return { provinces, platform, missing };
}
