/**
 * Violation IDs and representations for the platform's tests: a fresh 16-digit ID per call, and a
 * `Violation` representation as the gateway sends it to the platform for `eligibility`.
 */
let serial = 0;
/** A fresh 16-digit violation ID of `province` (the first two digits). */
export function violationId(province = "51"): string {
  serial += 1;
  return `${province}0100${String(Date.now() % 1e6).padStart(6, "0")}${String(serial).padStart(4, "0")}`.slice(0, 16);
}

/**
 * A `Violation` representation as the gateway sends it to the platform for `eligibility` (the
 * province subgraph's key and the facts the platform requires): a camera violation of province 51.
 */
export function violationRepresentation(plate: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __typename: "Violation",
    id: violationId("51"),
    plate,
    occurredAt: "2024-05-20T10:00:00+08:00",
    points: 3,
    fineYuan: 200,
    source: "CAMERA",
    status: "UNHANDLED",
    warningOnly: false,
    province: { code: "51", platformOpen: true },
    ...overrides,
  };
}
