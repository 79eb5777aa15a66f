/**
 * Options of `generatePopulation`, as one zod schema parsed once, and the presets the project uses:
 * `tiny` (end-to-end tests), `demo` (`npm start`, every coverage promise and the demo cast), `load`
 * (the simulator's sized runs).
 */
import { isProvinceCode, HOME_PROVINCE_CODE } from "@jg/provinces";
import { z } from "zod";

const count = (max: number) => z.number().int().min(0).max(max);

export const populationOptionsSchema = z
  .object({
    /** The seed: the same seed and options always give the same population. Any safe integer; the generator uses it modulo 2^32. */
    seed: z.number().int().refine(Number.isSafeInteger, "seed must be a safe integer"),
    /** The instant the population is "as of": every record lies before it. No clock is read. */
    now: z.date().refine((d) => !Number.isNaN(d.getTime()), "now must be a valid date"),
    /** Occurrence provinces of violations. "50" (Chongqing) is always added first if missing. */
    provinces: z.array(z.string().refine(isProvinceCode, "not a province code")).min(1),
    /** Citizens (PERSON accounts, each with a licence). */
    citizens: count(1_000_000),
    /** Ordinary companies (单位) with vehicles; each has a COMPANY_MANAGER account. */
    companies: count(100_000),
    /** Rental partners; each brings its own rental company and fleet. */
    partners: count(10_000),
    /** Violations per non-cast vehicle, drawn uniformly in [min, max]. */
    violationsPerVehicle: z
      .object({ min: count(100), max: count(100) })
      .refine((v) => v.min <= v.max, "violationsPerVehicle.min must be at most max"),
    /** Officers per province (default 2); 0 means every violation is camera-recorded. */
    officersPerProvince: count(1000).default(2),
    /** Camera systems per province (default 3); at least 1. */
    camerasPerProvince: z.number().int().min(1).max(1000).default(3),
  })
  .transform((o) => ({ ...o, provinces: [HOME_PROVINCE_CODE, ...o.provinces.filter((p) => p !== HOME_PROVINCE_CODE)].filter((p, i, all) => all.indexOf(p) === i) }));

/** What callers pass (defaults may be left out). */
export type PopulationOptionsInput = z.input<typeof populationOptionsSchema>;
/** The options after parsing: defaults applied, provinces de-duplicated with "50" first. */
export type PopulationOptions = z.output<typeof populationOptionsSchema>;

type Base = { seed: number; now: Date; provinces: string[] };

/** Ready-made sizes. Each returns full options for `generatePopulation`. */
export const presets = {
  /** End-to-end tests: 6 citizens, 1 company, 1 partner, about 2 violations per vehicle, no cast. */
  tiny: (base: Base): PopulationOptionsInput => ({
    ...base,
    citizens: 6,
    companies: 1,
    partners: 1,
    violationsPerVehicle: { min: 1, max: 3 },
    officersPerProvince: 1,
    camerasPerProvince: 1,
  }),
  /**
   * `npm start`: 24 citizens (every R-ELG-4 state and points level, the cast), 12 companies (one of
   * each kind, so every plate type and use nature appears), 1 rental partner, 0–3 violations per vehicle.
   */
  demo: (base: Base): PopulationOptionsInput => ({
    ...base,
    citizens: 24,
    companies: 12,
    partners: 1,
    violationsPerVehicle: { min: 0, max: 3 },
  }),
  /** The simulator's sized runs: sizes from flags; companies default to citizens/50, partners to citizens/500. */
  load: (
    base: Base & { citizens: number; companies?: number; partners?: number; violationsPerVehicle?: { min: number; max: number } },
  ): PopulationOptionsInput => ({
    ...base,
    companies: base.companies ?? Math.max(1, Math.floor(base.citizens / 50)),
    partners: base.partners ?? Math.max(1, Math.floor(base.citizens / 500)),
    violationsPerVehicle: base.violationsPerVehicle ?? { min: 0, max: 4 },
  }),
};
