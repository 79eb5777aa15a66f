/**
 * What a population holds, counted by category (issue #6: "it reports what it generated"), and a
 * readable text table of it for the start command and the simulator's log.
 */
import { labelOf, licenceStates, plateTypes, useNatures, vehicleStates, type LabelTable } from "@jg/provinces";
import { FILING_LIMIT_PER_USER, FILING_LIMIT_PER_VEHICLE } from "@jg/rules";
import { type Population } from "./population.types";
import { isNightCst } from "./time";
import { liveFilingCounts } from "./validate-relations";

/** Counts per key (an object: integer-like keys such as "10" come first when iterated; `formatSummary` sorts). */
export type Counts = Record<string, number>;

export type PopulationSummary = {
  seed: number;
  now: string;
  accounts: { total: number; persons: number; managers: number; viaApp: number; viaWeb: number };
  licences: { total: number; byState: Counts; byPoints: Counts; fullScoreThreeTimes: number };
  companies: { total: number; byKind: Counts; partners: number };
  vehicles: { total: number; byPlateType: Counts; byUseNature: Counts; byState: Counts; byOwnerKind: Counts; rental: number };
  filings: { total: number; byStatus: Counts; byMethod: Counts; accountsAtLimit: number; vehiclesAtLimit: number };
  leases: { total: number; current: number; past: number };
  violations: { total: number; byProvince: Counts; bySource: Counts; simpleProcedure: number; generalProcedure: number; atNight: number };
  recorders: { officers: number; cameras: number };
};

function count<T>(items: readonly T[], keysOf: (item: T) => string | readonly string[]): Counts {
  const out: Counts = {};
  for (const item of items) {
    const keys = keysOf(item);
    for (const k of typeof keys === "string" ? [keys] : keys) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}


/** Counts of everything in a population. */
export function summary(p: Population): PopulationSummary {
  const nowMs = Date.parse(p.meta.now);
  const { byAccount, byPlate } = liveFilingCounts(p);
  const currentLeases = p.leases.filter((l) => Date.parse(l.start) <= nowMs && nowMs < Date.parse(l.end)).length;
  const simple = p.violations.filter((v) => v.expected.simpleProcedure).length;
  return {
    seed: p.meta.seed,
    now: p.meta.now,
    accounts: {
      total: p.accounts.length,
      persons: p.accounts.filter((a) => a.userType === "PERSON").length,
      managers: p.accounts.filter((a) => a.userType === "COMPANY_MANAGER").length,
      viaApp: p.accounts.filter((a) => a.registeredVia === "APP").length,
      viaWeb: p.accounts.filter((a) => a.registeredVia === "WEB").length,
    },
    licences: {
      total: p.licences.length,
      byState: count(p.licences, (l) => l.states),
      byPoints: count(p.licences, (l) => String(l.points)),
      fullScoreThreeTimes: p.licences.filter((l) => l.fullScoreCountInCycle >= 3).length,
    },
    companies: { total: p.companies.length, byKind: count(p.companies, (c) => c.kind), partners: p.partners.length },
    vehicles: {
      total: p.vehicles.length,
      byPlateType: count(p.vehicles, (v) => v.plateType),
      byUseNature: count(p.vehicles, (v) => v.useNature),
      byState: count(p.vehicles, (v) => v.states),
      byOwnerKind: count(p.vehicles, (v) => v.ownerKind),
      rental: p.vehicles.filter((v) => v.partnerId !== undefined).length,
    },
    filings: {
      total: p.filings.length,
      byStatus: count(p.filings, (f) => f.status),
      byMethod: count(p.filings, (f) => f.method),
      accountsAtLimit: [...byAccount.values()].filter((n) => n === FILING_LIMIT_PER_USER).length,
      vehiclesAtLimit: [...byPlate.values()].filter((n) => n === FILING_LIMIT_PER_VEHICLE).length,
    },
    leases: { total: p.leases.length, current: currentLeases, past: p.leases.filter((l) => Date.parse(l.end) <= nowMs).length },
    violations: {
      total: p.violations.length,
      byProvince: count(p.violations, (v) => v.provinceCode),
      bySource: count(p.violations, (v) => v.source),
      simpleProcedure: simple,
      generalProcedure: p.violations.length - simple,
      atNight: p.violations.filter((v) => isNightCst(Date.parse(v.occurredAt))).length,
    },
    recorders: { officers: p.officers.length, cameras: p.cameras.length },
  };
}


/** Columns a terminal gives the text: CJK characters and full-width forms take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

function row(label: string, value: number | string): string {
  return `  ${label}${" ".repeat(Math.max(1, 40 - displayWidth(label)))}${String(value).padStart(8)}`;
}

/** Rows in key order, numbers compared as numbers ("9" before "10", "01" before "52"). */
function rows(c: Counts, table?: LabelTable): string[] {
  return Object.entries(c)
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([k, n]) => {
      const label = table && labelOf(table, k);
      return row(label ? `${k} ${label.zh}` : k, n);
    });
}

/** A plain-text report of a summary, one section per category. */
export function formatSummary(s: PopulationSummary): string {
  const lines = [
    `Population seed ${s.seed} as of ${s.now}`,
    "Accounts", row("total", s.accounts.total), row("persons", s.accounts.persons), row("company managers", s.accounts.managers),
    row("registered via app / web", `${s.accounts.viaApp} / ${s.accounts.viaWeb}`),
    "Licences by state", ...rows(s.licences.byState, licenceStates),
    "Licences by points in the cycle", ...rows(s.licences.byPoints), row("12 points three times (R-ELG-5)", s.licences.fullScoreThreeTimes),
    "Companies by kind", ...rows(s.companies.byKind), row("rental partners", s.companies.partners),
    "Vehicles by plate type", ...rows(s.vehicles.byPlateType, plateTypes),
    "Vehicles by use nature", ...rows(s.vehicles.byUseNature, useNatures),
    "Vehicles by state", ...rows(s.vehicles.byState, vehicleStates),
    "Vehicles by owner", ...rows(s.vehicles.byOwnerKind), row("rental fleet", s.vehicles.rental),
    "Filings", ...rows(s.filings.byStatus), ...rows(s.filings.byMethod),
    row(`accounts at ${FILING_LIMIT_PER_USER} (R-FIL-2)`, s.filings.accountsAtLimit), row(`vehicles at ${FILING_LIMIT_PER_VEHICLE} (R-FIL-3)`, s.filings.vehiclesAtLimit),
    "Leases", row("current", s.leases.current), row("past", s.leases.past), row("total", s.leases.total),
    "Violations by province", ...rows(s.violations.byProvince),
    "Violations", ...rows(s.violations.bySource), row("simple procedure", s.violations.simpleProcedure), row("general procedure", s.violations.generalProcedure),
    row("22:00–01:00 CST", s.violations.atNight), row("total", s.violations.total),
    "Recorders", row("officers", s.recorders.officers), row("cameras", s.recorders.cameras),
  ];
  return lines.join("\n");
}
