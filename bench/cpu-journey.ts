/** The handle + pay journey's picks for bench/cpu-per-request.bench.ts. */
import type { Identity } from "@jg/identity";
import type { Population } from "@jg/population";

/** Eligible violations (camera, fine ≤ 200, the owner's car, a clean licence of ≤ 3 points) grouped by owner, for the journey. */
export function journeyCandidates(population: Population, ids: Record<string, string>): { identity: Identity; id: string }[] {
  const owner = new Map(population.vehicles.map((v) => [v.plate, v.ownerAccountId]));
  const cleanLicence = new Set(population.licences.filter((l) => l.states.join() === "A" && l.points <= 3).map((l) => l.accountId));
  const picks: { identity: Identity; id: string }[] = [];
  const perAccount = new Map<string, number>();
  for (const v of population.violations) {
    const account = owner.get(v.plate);
    const id = ids[v.sourceRecordKey];
    if (!account || !id || !cleanLicence.has(account) || v.source !== "CAMERA" || v.expected.warningOnly) continue;
    if (v.expected.fineYuan > 200 || v.expected.points > 3 || (perAccount.get(account) ?? 0) >= 2) continue;
    perAccount.set(account, (perAccount.get(account) ?? 0) + 1);
    picks.push({ identity: { kind: "CITIZEN", accountId: account }, id });
  }
  return picks;
}
