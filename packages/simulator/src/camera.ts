/** A camera of a province recording a violation through the gateway, as the simulation's load and scenarios do. */
import type { Identity } from "@jg/identity";
import type { Population } from "@jg/population";
import type { Simulation } from "./sim";

export interface CameraRecord {
  province: string;
  plate: string;
  /** An eligible violation of the population whose penalty code, place and recorder are copied. */
  template: Population["violations"][number];
  occurredAt: Date;
  /** The simulation's running count, part of the record's source key (unique per run). */
  serial: number;
}

/** Records the violation; returns its ID (throws when the province refuses it). */
export async function recordCamera(sim: Simulation, r: CameraRecord): Promise<string> {
  const vehicle = sim.population.vehicles.find((v) => v.plate === r.plate);
  const input = {
    province: r.province,
    sourceRecordKey: `sim-${sim.options.seed ?? 12123}-${Date.now().toString(36)}-${r.serial}`,
    plate: r.plate,
    plateType: vehicle?.plateType ?? r.template.plateType,
    code: r.template.code,
    occurredAt: r.occurredAt.toISOString(),
    location: r.template.location,
    source: "CAMERA",
    agencyAreaCode: r.template.agencyAreaCode,
  };
  const camera: Identity = { kind: "CAMERA", systemId: r.template.recorderId, provinceCode: r.province };
  const res = await sim.as<{ recordViolation: { ok: boolean; violation: { id: string } | null; denials: { code: string }[] } }>(
    camera,
    `mutation R($input: RecordViolationInput!) { recordViolation(input: $input) { ok violation { id } denials { code } } }`,
    { input },
  );
  const id = res.data?.recordViolation.violation?.id;
  if (!id) throw new Error(`recording in ${r.province} failed: ${JSON.stringify(res.errors ?? res.data)}`);
  return id;
}
