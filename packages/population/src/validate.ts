/**
 * `validatePopulation`: every invariant the generator promises, as a list of problems (empty when the
 * population keeps them all). Tests run it over many seeds; a simulator may run it on a population read
 * from a file before seeding services with it.
 */
import { checkAreaCode, fineItem, isProvinceCode, parsePlate, plateTypes, provinceByCode, useNatures, isCodeOf, licenceStates, vehicleStates, HOME_PROVINCE_CODE } from "@jg/provinces";
import { FULL_SCORE } from "@jg/rules";
import { isValidCreditCode, isValidIdNumber } from "./id-number";
import { ENTRY_TIERS } from "./licence-plan";
import { CHONGQING_AUTHORITY_LETTERS } from "./plates";
import { type Population } from "./population.types";
import { validateCast } from "./validate-cast";
import { validateFilings, validateLeases } from "./validate-relations";
import { DAY_MS, VIOLATION_WINDOW_DAYS } from "./time";

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

function validatePeople(p: Population, problems: string[]): void {
  const nowMs = Date.parse(p.meta.now);
  for (const d of duplicates(p.accounts.map((a) => a.id))) problems.push(`account id ${d} is not unique`);
  for (const d of duplicates(p.accounts.map((a) => a.idNumber))) problems.push(`ID number ${d} is not unique`);
  for (const d of duplicates(p.accounts.map((a) => a.phone))) problems.push(`phone ${d} is not unique`);
  for (const a of p.accounts) {
    if (!isValidIdNumber(a.idNumber) || !a.idNumber.startsWith("500")) problems.push(`account ${a.id}: ID number ${a.idNumber} is not a valid Chongqing ID`);
    if (!/^1[358][0-9]{9}$/.test(a.phone)) problems.push(`account ${a.id}: phone ${a.phone} is not a 13x/15x/18x mobile number`);
    if (a.name.length < 2) problems.push(`account ${a.id}: name "${a.name}" too short`);
    if (Date.parse(a.registeredAt) >= nowMs) problems.push(`account ${a.id}: registered at or after now`);
  }
  const accounts = new Map(p.accounts.map((a) => [a.id, a]));
  for (const d of duplicates(p.licences.map((l) => l.accountId))) problems.push(`account ${d} has several licences`);
  for (const l of p.licences) {
    const holder = accounts.get(l.accountId);
    if (!holder || holder.userType !== "PERSON") problems.push(`licence ${l.number}: holder ${l.accountId} is not a PERSON account`);
    else if (holder.idNumber !== l.number) problems.push(`licence ${l.number}: number differs from the holder's ID number`);
    if (!(Date.parse(`${l.firstIssuedOn}T00:00:00+08:00`) < nowMs)) problems.push(`licence ${l.number}: first issued after now`);
    if (l.states.length === 0 || l.states.some((s) => !isCodeOf(licenceStates, s))) problems.push(`licence ${l.number}: bad states ${l.states.join(",")}`);
    if (l.pointEntries.reduce((a, b) => a + b, 0) !== l.points) problems.push(`licence ${l.number}: points ${l.points} differ from the sum of its entries`);
    const fullScored = l.states.includes("B");
    if (l.pointEntries.some((e) => !(ENTRY_TIERS as readonly number[]).includes(e) && !(fullScored && e === FULL_SCORE))) problems.push(`licence ${l.number}: an entry is not a 163号令 tier: ${l.pointEntries.join("+")}`);
    if (fullScored !== l.points >= FULL_SCORE) problems.push(`licence ${l.number}: ${l.points} points with states ${l.states.join("")} (12+ exactly in state B)`);
    if (!Number.isInteger(l.fullScoreCountInCycle) || l.fullScoreCountInCycle < 0 || l.fullScoreCountInCycle > 3) problems.push(`licence ${l.number}: full-score count ${l.fullScoreCountInCycle} outside 0..3`);
    if (fullScored && l.fullScoreCountInCycle < 1) problems.push(`licence ${l.number}: state B without a full score in the cycle`);
  }
  for (const c of p.companies) {
    const m = accounts.get(c.managerAccountId);
    if (!m || m.userType !== "COMPANY_MANAGER" || m.phone !== c.managerPhone) problems.push(`company ${c.id}: manager account or phone mismatch`);
    if (!isValidCreditCode(c.creditCode)) problems.push(`company ${c.id}: credit code ${c.creditCode} invalid`);
  }
  const companies = new Map(p.companies.map((c) => [c.id, c]));
  for (const d of duplicates(p.partners.map((x) => x.apiKey))) problems.push(`API key ${d} is not unique`);
  for (const x of p.partners) {
    if (companies.get(x.companyId)?.kind !== "rental") problems.push(`partner ${x.id}: company ${x.companyId} is not a rental company`);
    if (!/^[0-9a-zA-Z]{32}$/.test(x.apiKey)) problems.push(`partner ${x.id}: API key is not 32 alphanumerics`);
  }
}

function validateVehicles(p: Population, problems: string[]): void {
  const accounts = new Map(p.accounts.map((a) => [a.id, a]));
  const companies = new Map(p.companies.map((c) => [c.id, c]));
  const partners = new Map(p.partners.map((x) => [x.id, x]));
  for (const d of duplicates(p.vehicles.map((v) => v.plate))) problems.push(`plate ${d} is not unique`);
  for (const v of p.vehicles) {
    const parsed = parsePlate(v.plate);
    if (!parsed.ok) problems.push(`vehicle ${v.plate}: ${parsed.message}`);
    else {
      if (parsed.value.provinceCode !== HOME_PROVINCE_CODE || !(CHONGQING_AUTHORITY_LETTERS as readonly string[]).includes(parsed.value.authority)) problems.push(`vehicle ${v.plate}: not a Chongqing plate`);
      if (parsed.value.newEnergy !== (v.plateType === "51" || v.plateType === "52")) problems.push(`vehicle ${v.plate}: new-energy plate and type ${v.plateType} disagree`);
    }
    if (!isCodeOf(plateTypes, v.plateType) || !isCodeOf(useNatures, v.useNature)) problems.push(`vehicle ${v.plate}: unknown plate type or use nature`);
    if (v.states.length === 0 || v.states.some((s) => !isCodeOf(vehicleStates, s))) problems.push(`vehicle ${v.plate}: bad states ${v.states.join(",")}`);
    if (v.ownerKind === "PERSON") {
      const owner = accounts.get(v.ownerAccountId ?? "");
      if (!owner || owner.userType !== "PERSON" || owner.phone !== v.ownerPhone || v.companyId) problems.push(`vehicle ${v.plate}: person owner mismatch`);
    } else {
      const company = companies.get(v.companyId ?? "");
      if (!company || company.managerPhone !== v.managerPhone || v.ownerAccountId) problems.push(`vehicle ${v.plate}: company owner mismatch`);
    }
    if (v.partnerId !== undefined) {
      if (partners.get(v.partnerId)?.companyId !== v.companyId || v.useNature !== "G") problems.push(`vehicle ${v.plate}: rental car not owned by its partner's company or not use nature G`);
    }
  }
}

function validateViolations(p: Population, problems: string[]): void {
  const nowMs = Date.parse(p.meta.now);
  const vehicles = new Map(p.vehicles.map((v) => [v.plate, v]));
  const recorders = new Map<string, { provinceCode: string; source: string }>();
  for (const r of p.officers) recorders.set(r.id, { provinceCode: r.provinceCode, source: "ON_SITE" });
  for (const r of p.cameras) recorders.set(r.id, { provinceCode: r.provinceCode, source: "CAMERA" });
  for (const d of duplicates([...p.officers, ...p.cameras].map((r) => r.id))) problems.push(`recorder id ${d} is not unique`);
  for (const r of [...p.officers, ...p.cameras]) if (!p.meta.provinces.includes(r.provinceCode)) problems.push(`recorder ${r.id}: province ${r.provinceCode} not given`);
  for (const d of duplicates(p.violations.map((v) => v.sourceRecordKey))) problems.push(`source record key ${d} is not unique`);
  for (const v of p.violations) {
    const at = Date.parse(v.occurredAt);
    const where = `violation ${v.sourceRecordKey}`;
    if (!isProvinceCode(v.provinceCode) || !p.meta.provinces.includes(v.provinceCode)) problems.push(`${where}: province ${v.provinceCode} not given`);
    if (vehicles.get(v.plate)?.plateType !== v.plateType) problems.push(`${where}: plate ${v.plate} with type ${v.plateType} is not a population vehicle`);
    if (!(at < nowMs && at >= nowMs - VIOLATION_WINDOW_DAYS * DAY_MS)) problems.push(`${where}: occurred ${v.occurredAt}, outside the last ${VIOLATION_WINDOW_DAYS} days`);
    if (!checkAreaCode(v.agencyAreaCode).ok || !provinceByCode(v.provinceCode)?.areaCodes.includes(v.agencyAreaCode)) problems.push(`${where}: agency area ${v.agencyAreaCode} not of province ${v.provinceCode}`);
    const recorder = recorders.get(v.recorderId);
    if (!recorder || recorder.provinceCode !== v.provinceCode || recorder.source !== v.source) problems.push(`${where}: recorder ${v.recorderId} cannot record a ${v.source} violation in ${v.provinceCode}`);
    if (v.location.length === 0) problems.push(`${where}: no location`);
    const item = isProvinceCode(v.provinceCode) ? fineItem(v.provinceCode, v.code, new Date(at)) : undefined;
    if (!item || item.code !== v.code) problems.push(`${where}: code ${v.code} not in the schedule of ${v.provinceCode} in force at ${v.occurredAt}`);
    else if (item.fineYuan !== v.expected.fineYuan || item.points !== v.expected.points || item.warningOnly !== v.expected.warningOnly || item.simpleProcedure !== v.expected.simpleProcedure) problems.push(`${where}: expected penalty differs from the schedule`);
  }
}

/** Every broken promise of a population, as readable sentences; empty when it keeps them all. */
export function validatePopulation(population: Population): string[] {
  const problems: string[] = [];
  if (!population.meta.provinces.includes(HOME_PROVINCE_CODE)) problems.push("the provinces do not include 50 (Chongqing)");
  validatePeople(population, problems);
  validateVehicles(population, problems);
  validateFilings(population, problems);
  validateLeases(population, problems);
  validateViolations(population, problems);
  if (population.cast) validateCast(population, problems);
  return problems;
}
