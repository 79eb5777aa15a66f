/**
 * Population options from command-line flags, for the start command and the simulator (issue #6:
 * "sizes by flags"). Pure: the caller passes argv and `now`. Flags this function does not know are
 * left alone (the caller has its own, e.g. a scenario name), but a known flag with a bad value throws.
 *
 *   --preset tiny|demo|load   default demo; load takes its sizes from the flags below
 *   --seed N                  default 1
 *   --provinces 50,51,52      occurrence provinces; default 50,51,52 ("50" is always included)
 *   --citizens N --companies N --partners N
 *   --violations N | MIN-MAX  violations per vehicle
 *   --officers N --cameras N  recorders per province
 */
import { parseArgs } from "node:util";
import { presets, type PopulationOptionsInput } from "./options";

/** The occurrence provinces when no --provinces flag is given: Chongqing and two neighbours. */
export const DEFAULT_FLAG_PROVINCES = ["50", "51", "52"];

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value)) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

function range(value: string | undefined): { min: number; max: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(value);
  if (!m) throw new Error(`--violations must be N or MIN-MAX, got "${value}"`);
  return { min: Number(m[1]), max: Number(m[2] ?? m[1]) };
}

/** Options for `generatePopulation` from argv (e.g. `process.argv.slice(2)`) at the instant `now`. */
export function populationOptionsFromFlags(argv: readonly string[], now: Date): PopulationOptionsInput {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      preset: { type: "string" }, seed: { type: "string" }, provinces: { type: "string" }, citizens: { type: "string" },
      companies: { type: "string" }, partners: { type: "string" }, violations: { type: "string" },
      officers: { type: "string" }, cameras: { type: "string" },
    },
  });
  const text = (name: string): string | undefined => {
    const v = values[name];
    if (typeof v === "boolean") throw new Error(`--${name} needs a value`);
    return v;
  };
  const preset = text("preset") ?? "demo";
  if (preset !== "tiny" && preset !== "demo" && preset !== "load") throw new Error(`--preset must be tiny, demo or load, got "${preset}"`);
  const base = {
    seed: count("seed", text("seed")) ?? 1,
    now,
    provinces: text("provinces")?.split(",").map((p) => p.trim()).filter((p) => p !== "") ?? DEFAULT_FLAG_PROVINCES,
  };
  const sizes = {
    citizens: count("citizens", text("citizens")),
    companies: count("companies", text("companies")),
    partners: count("partners", text("partners")),
    violationsPerVehicle: range(text("violations")),
    officersPerProvince: count("officers", text("officers")),
    camerasPerProvince: count("cameras", text("cameras")),
  };
  const chosen =
    preset === "load"
      ? presets.load({ ...base, citizens: sizes.citizens ?? 1000, ...defined({ companies: sizes.companies, partners: sizes.partners, violationsPerVehicle: sizes.violationsPerVehicle }) })
      : presets[preset](base);
  return { ...chosen, ...defined(sizes) };
}

/** The entries whose value is not undefined (exactOptionalPropertyTypes-friendly spreading). */
function defined<T extends Record<string, unknown>>(o: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}
