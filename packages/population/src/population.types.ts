/**
 * The shape of a generated population: plain JSON-serializable data (strings, numbers, booleans,
 * arrays, objects; instants as ISO strings), so it can be written to a file, sent to a process and
 * compared with `toEqual`.
 */
import { type CaptureSource, type FilingMethod, type LicenceStateCode, type OwnerKind, type PlateTypeCode, type UseNatureCode, type VehicleStateCode } from "@jg/rules";
import { type PopulationOptions } from "./options";

/** A registered user of the Chongqing platform (R-REG-1 app, R-REG-2 website). */
export type AccountRecord = {
  id: string;
  name: string;
  /** 18-character resident ID number (GB 11643), area 500xxx. */
  idNumber: string;
  /** "1" + 10 digits, 13x/15x/18x. */
  phone: string;
  userType: "PERSON" | "COMPANY_MANAGER";
  registeredVia: "APP" | "WEB";
  registeredAt: string;
};

/** A driving licence; its number is the holder's ID number, as in China. */
export type LicenceRecord = {
  number: string;
  accountId: string;
  /** CST calendar date "YYYY-MM-DD": the scoring-cycle anchor (163号令 §3). */
  firstIssuedOn: string;
  class: "C1" | "C2" | "A1" | "B2" | "D";
  /** Licence states, docs/domain-facts.md §5.5; several at once are possible (["H","S"]). */
  states: LicenceStateCode[];
  /** Points applied in the current cycle: the sum of `pointEntries`. */
  points: number;
  /** The offences behind `points`, each a tier of 163号令 §7 (1, 3, 6, 9, 12): what a seeder writes to a ledger. */
  pointEntries: number[];
  /** Times 12 points were reached in the current cycle, 0..3 (R-ELG-5 blocks at 3). */
  fullScoreCountInCycle: number;
};

/** What a company does, which decides its name and vehicles. */
export type CompanyKind =
  | "general" | "logistics" | "passenger" | "bus" | "taxi" | "tourism" | "school" | "hazmat" | "rescue"
  | "public" | "foreign" | "rental";

/** A company (单位) with vehicles; its manager's phone receives filing codes (R-FIL-6). */
export type CompanyRecord = {
  id: string;
  name: string;
  kind: CompanyKind;
  /** Unified social credit code (GB 32100): the owner identifier of its vehicles. */
  creditCode: string;
  managerAccountId: string;
  managerPhone: string;
};

/** A rental company with platform API access, writing lease contracts (R-ELG-7). */
export type PartnerRecord = {
  id: string;
  companyId: string;
  name: string;
  /** 32 characters [0-9a-zA-Z] from the seeded generator: a simulation credential, not a secret. */
  apiKey: string;
};

/** A vehicle registered in Chongqing (渝). */
export type VehicleRecord = {
  plate: string;
  plateType: PlateTypeCode;
  useNature: UseNatureCode;
  states: VehicleStateCode[];
  ownerKind: OwnerKind;
  /** PERSON: the owner's account. */
  ownerAccountId?: string;
  /** COMPANY: the owning company (for a rental car, the partner's company). */
  companyId?: string;
  /** PERSON: the owner's phone (R-FIL-5 SMS). */
  ownerPhone?: string;
  /** COMPANY: the manager's phone recorded at registration (R-FIL-6 SMS). */
  managerPhone?: string;
  /** Rental fleet (use nature G): the partner whose fleet it is. */
  partnerId?: string;
  registeredAt: string;
};

export type FilingStatus = "ACTIVE" | "RELEASED" | "PENDING";

/** A filing of another owner's vehicle (R-FIL-2..6). PENDING and ACTIVE are "live" and count to the limits. */
export type FilingRecord = {
  id: string;
  accountId: string;
  plate: string;
  method: FilingMethod;
  status: FilingStatus;
  appliedAt: string;
  /** When the filing took effect on approval (R-ELG-3); absent while PENDING. */
  effectiveAt?: string;
  releasedAt?: string;
};

/** A lease contract written by a rental partner (R-ELG-7): `start` inclusive, `end` exclusive. */
export type LeaseRecord = {
  id: string;
  partnerId: string;
  plate: string;
  lesseeAccountId: string;
  temporaryDriverAccountIds: string[];
  start: string;
  end: string;
};

/** What the occurrence province's schedule says about a violation (R-OOP-1): `fineItem(province, code, occurredAt)`. */
export type ExpectedPenalty = { fineYuan: number; points: number; warningOnly: boolean; simpleProcedure: boolean };

/** A violation to be recorded through `recordViolation` in its occurrence province. */
export type ViolationRecord = {
  provinceCode: string;
  /** Unique in the population: the recorder's own key (retries record nothing new). */
  sourceRecordKey: string;
  plate: string;
  plateType: PlateTypeCode;
  code: string;
  occurredAt: string;
  location: string;
  source: CaptureSource;
  /** The camera (CAMERA) or officer (ON_SITE) of the province that records it. */
  recorderId: string;
  agencyAreaCode: string;
  expected: ExpectedPenalty;
};

/** An officer or camera system of one province. */
export type RecorderRecord = { id: string; provinceCode: string };

/** Named members of every demo-size population, for docs and tests to refer to. */
export type DemoCast = {
  /** Clean licence, 0 points; owns a small car with violations in every given province, and files another. */
  citizen: string;
  /** Owner of the car the citizen files; clean licence. */
  otherCitizen: string;
  /** Clean licence with 9 points. */
  highPoints: string;
  /** An officer of Chongqing (50). */
  officer: string;
  /** A rental partner with a current lease. */
  partner: string;
  /** The lessee of that current lease. */
  lessee: string;
  /** The citizen's own small car. */
  citizenPlate: string;
  /** The car the citizen files (owned by otherCitizen). */
  filedPlate: string;
  /** The rental car of the current lease. */
  leasedPlate: string;
};

export type Population = {
  /** The options it was generated from, normalised (now as ISO). */
  meta: Omit<PopulationOptions, "now"> & { now: string };
  accounts: AccountRecord[];
  licences: LicenceRecord[];
  companies: CompanyRecord[];
  partners: PartnerRecord[];
  vehicles: VehicleRecord[];
  filings: FilingRecord[];
  leases: LeaseRecord[];
  violations: ViolationRecord[];
  officers: RecorderRecord[];
  cameras: RecorderRecord[];
  /** Present when the population is at least demo size (see `castPossible`). */
  cast?: DemoCast;
};
