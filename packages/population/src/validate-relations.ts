/**
 * Invariants of filings (R-FIL-1..6) and leases (R-ELG-7) in a population: who may file what and how,
 * the limits of 3 live filings per account (R-FIL-2) and per vehicle (R-FIL-3), consistent timestamps,
 * and leases of a partner's own fleet that never overlap on one car.
 */
import { FILING_LIMIT_PER_USER, FILING_LIMIT_PER_VEHICLE } from "@jg/rules";
import { isFileable } from "./filings";
import { type Population } from "./population.types";

/** Live (PENDING or ACTIVE) filings per account and per plate. */
export function liveFilingCounts(p: Population): { byAccount: Map<string, number>; byPlate: Map<string, number> } {
  const byAccount = new Map<string, number>();
  const byPlate = new Map<string, number>();
  for (const f of p.filings) {
    if (f.status === "RELEASED") continue;
    byAccount.set(f.accountId, (byAccount.get(f.accountId) ?? 0) + 1);
    byPlate.set(f.plate, (byPlate.get(f.plate) ?? 0) + 1);
  }
  return { byAccount, byPlate };
}

export function validateFilings(p: Population, problems: string[]): void {
  const nowMs = Date.parse(p.meta.now);
  const accounts = new Map(p.accounts.map((a) => [a.id, a]));
  const vehicles = new Map(p.vehicles.map((v) => [v.plate, v]));
  const livePairs = new Set<string>();
  for (const f of p.filings) {
    const where = `filing ${f.id}`;
    const account = accounts.get(f.accountId);
    const v = vehicles.get(f.plate);
    if (!account || account.userType !== "PERSON") problems.push(`${where}: filer ${f.accountId} is not a PERSON account`);
    if (!v) {
      problems.push(`${where}: vehicle ${f.plate} is not in the population`);
      continue;
    }
    if (v.ownerAccountId === f.accountId) problems.push(`${where}: files the filer's own vehicle (R-FIL-1)`);
    if (!isFileable(v)) problems.push(`${where}: vehicle ${f.plate} is not a small non-operating car in a fileable state`);
    const expectedMethod = v.ownerKind === "COMPANY" ? ["SMS_COMPANY"] : ["QR", "SMS_OWNER"];
    if (!expectedMethod.includes(f.method)) problems.push(`${where}: method ${f.method} does not fit a ${v.ownerKind} vehicle (R-FIL-4..6)`);
    const applied = Date.parse(f.appliedAt);
    const effective = f.effectiveAt === undefined ? undefined : Date.parse(f.effectiveAt);
    const released = f.releasedAt === undefined ? undefined : Date.parse(f.releasedAt);
    if (!(applied < nowMs)) problems.push(`${where}: applied at or after now`);
    if (f.status === "PENDING" && (effective !== undefined || released !== undefined)) problems.push(`${where}: PENDING with an effective or release time`);
    if (f.status !== "PENDING" && !(effective !== undefined && applied <= effective && effective < nowMs)) problems.push(`${where}: ${f.status} needs an effective time between application and now`);
    if ((f.status === "RELEASED") !== (released !== undefined)) problems.push(`${where}: release time and status disagree`);
    if (released !== undefined && !(effective !== undefined && effective <= released && released < nowMs)) problems.push(`${where}: released outside its effective period`);
    if (f.status !== "RELEASED") {
      const pair = `${f.accountId}|${f.plate}`;
      if (livePairs.has(pair)) problems.push(`${where}: a second live filing of ${f.plate} by ${f.accountId}`);
      livePairs.add(pair);
    }
  }
  const { byAccount, byPlate } = liveFilingCounts(p);
  for (const [id, n] of byAccount) if (n > FILING_LIMIT_PER_USER) problems.push(`account ${id} has ${n} live filings (R-FIL-2: at most ${FILING_LIMIT_PER_USER})`);
  for (const [plate, n] of byPlate) if (n > FILING_LIMIT_PER_VEHICLE) problems.push(`vehicle ${plate} has ${n} live filed drivers (R-FIL-3: at most ${FILING_LIMIT_PER_VEHICLE})`);
}

export function validateLeases(p: Population, problems: string[]): void {
  const accounts = new Map(p.accounts.map((a) => [a.id, a]));
  const vehicles = new Map(p.vehicles.map((v) => [v.plate, v]));
  const byPlate = new Map<string, { start: number; end: number; id: string }[]>();
  if (new Set(p.leases.map((l) => l.id)).size !== p.leases.length) problems.push("lease ids are not unique");
  for (const l of p.leases) {
    const where = `lease ${l.id}`;
    if (vehicles.get(l.plate)?.partnerId !== l.partnerId) problems.push(`${where}: ${l.plate} is not in partner ${l.partnerId}'s fleet`);
    if (accounts.get(l.lesseeAccountId)?.userType !== "PERSON") problems.push(`${where}: lessee ${l.lesseeAccountId} is not a PERSON account`);
    const drivers = new Set(l.temporaryDriverAccountIds);
    if (drivers.size !== l.temporaryDriverAccountIds.length || drivers.has(l.lesseeAccountId)) problems.push(`${where}: temporary drivers repeat or include the lessee`);
    for (const d of drivers) if (accounts.get(d)?.userType !== "PERSON") problems.push(`${where}: temporary driver ${d} is not a PERSON account`);
    const start = Date.parse(l.start);
    const end = Date.parse(l.end);
    if (!(start < end)) problems.push(`${where}: does not end after it starts`);
    if (!(start < Date.parse(p.meta.now))) problems.push(`${where}: starts at or after now`);
    byPlate.set(l.plate, [...(byPlate.get(l.plate) ?? []), { start, end, id: l.id }]);
  }
  for (const [plate, list] of byPlate) {
    const sorted = [...list].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.start < sorted[i - 1]!.end) problems.push(`leases ${sorted[i - 1]!.id} and ${sorted[i]!.id} of ${plate} overlap`);
    }
  }
}
