/**
 * A violation of a partner's fleet vehicle as the partner sees it (issue 18): the facts the recording
 * province sent, the platform's synced status, and the lease it falls in, if any (R-ELG-7). One shape
 * for the webhook events and for `FleetVehicle.violations`, so a partner can reconcile missed
 * deliveries by reading the graph.
 */
import type { FleetViolationData, LeaseRef } from "@jg/webhooks";
import type { LeaseRow, ViolationIndexRow } from "../db/schema";

type Lease = Pick<LeaseRow, "id" | "lesseeIdNumber" | "lesseeName" | "startsAt" | "endsAt">;

/** The lease (of the given ones) in force when the violation occurred: [startsAt, endsAt). */
export function leaseAt<T extends Pick<LeaseRow, "startsAt" | "endsAt">>(leases: readonly T[], occurredAt: Date): T | null {
  const t = occurredAt.getTime();
  return leases.find((l) => l.startsAt.getTime() <= t && t < l.endsAt.getTime()) ?? null;
}

function leaseRef(lease: Lease | null): LeaseRef | null {
  return lease
    ? { id: lease.id, lesseeIdNumber: lease.lesseeIdNumber, lesseeName: lease.lesseeName, startsAt: lease.startsAt.toISOString(), endsAt: lease.endsAt.toISOString() }
    : null;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");
const num = (v: unknown) => (typeof v === "number" ? v : 0);

/** The partner's view of an indexed violation. */
export function fleetViolationData(row: Pick<ViolationIndexRow, "violationId" | "plate" | "provinceCode" | "status" | "facts" | "occurredAt">, lease: Lease | null): FleetViolationData {
  const f = row.facts;
  return {
    violationId: row.violationId,
    plate: row.plate,
    provinceCode: row.provinceCode,
    code: text(f.code),
    descriptionZh: text(f.descriptionZh),
    descriptionEn: text(f.descriptionEn),
    location: text(f.location),
    occurredAt: row.occurredAt.toISOString(),
    fineYuan: num(f.fineYuan),
    points: num(f.points),
    warningOnly: f.warningOnly === true,
    status: row.status,
    lease: leaseRef(lease),
  };
}
