/**
 * Accounts and licences: citizens (PERSON, each with a licence whose number is their ID number) and
 * company managers (COMPANY_MANAGER, no licence needed). Names, ID numbers and phones are drawn from the
 * seeded stream and kept unique across the population.
 */
import { makeIdNumber } from "./id-number";
import { licenceProfiles } from "./licence-plan";
import { CHONGQING_DISTRICT_CODES, GIVEN_NAME_CHARACTERS, PHONE_PREFIXES, SURNAMES } from "./names.data";
import { type AccountRecord, type LicenceRecord } from "./population.types";
import { type Random } from "./random";
import { DAY_MS, YEAR_MS, cstDate, iso } from "./time";

/** Values that must be unique across the whole population. */
export type Uniques = { idNumbers: Set<string>; phones: Set<string>; plates: Set<string> };

export function newUniques(): Uniques {
  return { idNumbers: new Set(), phones: new Set(), plates: new Set() };
}

/** A plausible Chinese name: a common surname and one or two given-name characters. */
function randomName(rng: Random): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN_NAME_CHARACTERS) + rng.pick(GIVEN_NAME_CHARACTERS) : rng.pick(GIVEN_NAME_CHARACTERS);
  return rng.pick(SURNAMES) + given;
}

/** A unique mobile number: a 13x/15x/18x prefix and 8 digits. */
function randomPhone(rng: Random, uniques: Uniques): string {
  for (;;) {
    const phone = rng.pick(PHONE_PREFIXES) + rng.string("0123456789", 8);
    if (!uniques.phones.has(phone)) {
      uniques.phones.add(phone);
      return phone;
    }
  }
}

/** A unique Chongqing resident ID number of a person born at `birthMs`. */
function randomIdNumber(rng: Random, uniques: Uniques, birthMs: number): string {
  for (;;) {
    const id = makeIdNumber(rng.pick(CHONGQING_DISTRICT_CODES), cstDate(birthMs), rng.int(0, 999));
    if (!uniques.idNumbers.has(id)) {
      uniques.idNumbers.add(id);
      return id;
    }
  }
}

function newAccount(rng: Random, uniques: Uniques, nowMs: number, id: string, userType: AccountRecord["userType"]): { account: AccountRecord; birthMs: number } {
  const birthMs = nowMs - rng.int(20, 65) * YEAR_MS - rng.int(0, 364) * DAY_MS;
  const account: AccountRecord = {
    id,
    name: randomName(rng),
    idNumber: randomIdNumber(rng, uniques, birthMs),
    phone: randomPhone(rng, uniques),
    userType,
    registeredVia: rng.chance(0.75) ? "APP" : "WEB",
    registeredAt: iso(nowMs - rng.int(1, 2000) * DAY_MS - rng.int(0, 86_399) * 1000),
  };
  return { account, birthMs };
}

const CLASSES = [["C1", 80], ["C2", 12], ["A1", 3], ["B2", 3], ["D", 2]] as const;

/** Citizens with their licences, in citizen order (the cast, when present, comes first). */
export function generateCitizens(rng: Random, uniques: Uniques, nowMs: number, citizens: number): { accounts: AccountRecord[]; licences: LicenceRecord[] } {
  const profiles = licenceProfiles(rng.fork("licence-plan"), citizens);
  const accounts: AccountRecord[] = [];
  const licences: LicenceRecord[] = [];
  profiles.forEach((profile, i) => {
    const { account, birthMs } = newAccount(rng, uniques, nowMs, `citizen-${String(i + 1).padStart(6, "0")}`, "PERSON");
    // First issued between the 18th birthday and yesterday: anywhere from a few weeks to decades ago.
    const earliest = birthMs + 18 * YEAR_MS;
    const latest = nowMs - DAY_MS;
    const firstIssuedMs = earliest + Math.floor(rng.next() * Math.max(0, latest - earliest));
    accounts.push(account);
    licences.push({
      number: account.idNumber,
      accountId: account.id,
      firstIssuedOn: cstDate(firstIssuedMs),
      class: rng.weighted(CLASSES),
      states: profile.states,
      points: profile.pointEntries.reduce((a, b) => a + b, 0),
      pointEntries: profile.pointEntries,
      fullScoreCountInCycle: profile.fullScoreCountInCycle,
    });
  });
  return { accounts, licences };
}

/** A company manager's account (R-REG-2 user type 单位). */
export function generateManager(rng: Random, uniques: Uniques, nowMs: number, n: number): AccountRecord {
  return newAccount(rng, uniques, nowMs, `manager-${String(n).padStart(5, "0")}`, "COMPANY_MANAGER").account;
}
