/**
 * Violations of Chongqing vehicles as the occurrence provinces' cameras and officers will record them
 * through `recordViolation`. The code is drawn from the occurrence province's schedule in force at the
 * violation's time and the expected penalty is that schedule's item (R-OOP-1: the occurrence
 * province's standard decides). Spread over the last 60 days, some at night (22:00–01:00 CST, the
 * R-MNT-1 window), mostly camera-recorded, mostly in Chongqing.
 */
import { provinceByCode, scheduleInForce, type FineItem } from "@jg/provinces";
import { type CaptureSource } from "@jg/rules";
import { GENERIC_ROADS, ROADS_BY_PROVINCE } from "./names.data";
import { type PopulationOptions } from "./options";
import { type RecorderRecord, type VehicleRecord, type ViolationRecord } from "./population.types";
import { type Random } from "./random";
import { VIOLATION_WINDOW_DAYS, daytimeDaysAgo, instantWithin, iso, nightInstantWithin } from "./time";

/** Officers and cameras grouped by province. */
export type Recorders = { officers: Map<string, RecorderRecord[]>; cameras: Map<string, RecorderRecord[]> };

/** `perProvince` officers and cameras of each province: "officer-51-01", "camera-51-001". */
export function generateRecorders(provinces: readonly string[], officersPerProvince: number, camerasPerProvince: number): { officers: RecorderRecord[]; cameras: RecorderRecord[] } {
  const officers = provinces.flatMap((p) => Array.from({ length: officersPerProvince }, (_, i) => ({ id: `officer-${p}-${String(i + 1).padStart(2, "0")}`, provinceCode: p })));
  const cameras = provinces.flatMap((p) => Array.from({ length: camerasPerProvince }, (_, i) => ({ id: `camera-${p}-${String(i + 1).padStart(3, "0")}`, provinceCode: p })));
  return { officers, cameras };
}

export function groupRecorders(officers: RecorderRecord[], cameras: RecorderRecord[]): Recorders {
  const group = (list: RecorderRecord[]) => {
    const map = new Map<string, RecorderRecord[]>();
    for (const r of list) map.set(r.provinceCode, [...(map.get(r.provinceCode) ?? []), r]);
    return map;
  };
  return { officers: group(officers), cameras: group(cameras) };
}

/** How common a code is: low-point offences (parking, signs, markings) most; §99 and 9/12-point ones rarely. */
function weightOf(item: FineItem): number {
  const byPoints: Record<number, number> = { 0: 3, 1: 3, 3: 2, 6: 1.5, 9: 0.4, 12: 0.2 };
  return (byPoints[item.points] ?? 1) * (item.simpleProcedure ? 1 : 0.5);
}

/** The facts of a penalty the eligibility rules look at (a schedule item or a violation's expected penalty). */
type Penalty = { readonly simpleProcedure: boolean; readonly points: number; readonly warningOnly: boolean };

/** Self-service eligible by its facts alone (R-ELG-1e): simple procedure and at most 6 points. */
export function isEligibleItem(item: Penalty): boolean {
  return item.simpleProcedure && item.points <= 6;
}

/** Eligible (R-ELG-1e), with a fine to pay (not a warning, so at most ¥200) and points to reserve (R-ELG-6). */
function paysWithPoints(item: Penalty): boolean {
  return isEligibleItem(item) && !item.warningOnly && item.points >= 1;
}

/**
 * Whether a violation is one a citizen can handle and pay on the platform and that reserves points: camera
 * recorded (R-ELG-1f) and `paysWithPoints`. Scenarios and the load mode copy the code of such a violation
 * to record fresh ones.
 */
export function isHandleableWithPoints(v: Pick<ViolationRecord, "source" | "expected">): boolean {
  return v.source === "CAMERA" && paysWithPoints(v.expected);
}

/** Builds violation records with unique source keys; one builder per population. */
export class ViolationFactory {
  private count = 0;
  private readonly weights = new Map<string, (readonly [FineItem, number])[]>();

  constructor(
    private readonly rng: Random,
    private readonly seed: number,
    private readonly recorders: Recorders,
  ) {}

  /** The items of the schedule in force in `provinceCode` at `atMs` that satisfy `accept`, in code order. */
  items(provinceCode: string, atMs: number, accept: (item: FineItem) => boolean = () => true): FineItem[] {
    return scheduleInForce(provinceCode, new Date(atMs)).items.filter(accept);
  }

  private randomItem(provinceCode: string, atMs: number): FineItem {
    const version = scheduleInForce(provinceCode, new Date(atMs));
    let table = this.weights.get(version.version);
    if (!table) {
      table = version.items.map((item) => [item, weightOf(item)] as const);
      this.weights.set(version.version, table);
    }
    return this.rng.weighted(table);
  }

  /** One violation; without `item`, the code is drawn from the province's schedule in force. */
  make(vehicle: VehicleRecord, provinceCode: string, atMs: number, source: CaptureSource, item?: FineItem): ViolationRecord {
    const { rng } = this;
    const chosen = item ?? this.randomItem(provinceCode, atMs);
    const officers = this.recorders.officers.get(provinceCode) ?? [];
    const actualSource: CaptureSource = source === "ON_SITE" && officers.length > 0 ? "ON_SITE" : "CAMERA";
    const recorder = rng.pick(actualSource === "ON_SITE" ? officers : this.recorders.cameras.get(provinceCode)!);
    const province = provinceByCode(provinceCode)!;
    this.count += 1;
    return {
      provinceCode,
      sourceRecordKey: `pop${this.seed}-v${String(this.count).padStart(7, "0")}`,
      plate: vehicle.plate,
      plateType: vehicle.plateType,
      code: chosen.code,
      occurredAt: iso(atMs),
      location: rng.pick(ROADS_BY_PROVINCE[provinceCode] ?? GENERIC_ROADS.map((road) => `${province.nameZh}${road}`)),
      source: actualSource,
      recorderId: recorder.id,
      agencyAreaCode: rng.pick(province.areaCodes),
      expected: { fineYuan: chosen.fineYuan, points: chosen.points, warningOnly: chosen.warningOnly, simpleProcedure: chosen.simpleProcedure },
    };
  }

  /** `count` random violations of a vehicle: provinces weighted towards Chongqing, 15 % at night, 12 % on site. */
  randomFor(vehicle: VehicleRecord, provinces: readonly string[], nowMs: number, count: number): ViolationRecord[] {
    const { rng } = this;
    const others = provinces.filter((p) => p !== "50");
    const out: ViolationRecord[] = [];
    for (let i = 0; i < count; i++) {
      const provinceCode = others.length === 0 || rng.chance(0.6) ? "50" : rng.pick(others);
      const atMs = rng.chance(0.15) ? nightInstantWithin(rng, nowMs, VIOLATION_WINDOW_DAYS) : instantWithin(rng, nowMs, VIOLATION_WINDOW_DAYS);
      out.push(this.make(vehicle, provinceCode, atMs, rng.chance(0.12) ? "ON_SITE" : "CAMERA"));
    }
    return out;
  }
}

/**
 * One more camera violation for each occurrence province that has none a citizen can handle with points
 * (`isHandleableWithPoints`), on a random vehicle of `vehicles`, at CST daytime 5–50 days ago. Demo
 * populations already have one (the cast's car), a small population spread over 30 provinces may not:
 * without it, a scenario or the load mode would have no code to record in that province.
 */
export function coverProvinces(
  rng: Random,
  factory: ViolationFactory,
  options: Pick<PopulationOptions, "provinces" | "now">,
  vehicles: readonly VehicleRecord[],
  existing: readonly ViolationRecord[],
): ViolationRecord[] {
  if (vehicles.length === 0) return [];
  const covered = new Set(existing.filter(isHandleableWithPoints).map((v) => v.provinceCode));
  const out: ViolationRecord[] = [];
  for (const province of options.provinces.filter((p) => !covered.has(p))) {
    const atMs = daytimeDaysAgo(rng, options.now.getTime(), rng.int(5, 50));
    const items = factory.items(province, atMs, paysWithPoints);
    if (items.length === 0) continue;
    out.push(factory.make(rng.pick(vehicles), province, atMs, "CAMERA", rng.pick(items)));
  }
  return out;
}
