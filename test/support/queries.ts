/**
 * The GraphQL operations the end-to-end tests and the benchmark send through the gateway, with the
 * shapes of their answers.
 */

/** "My violations across provinces": the platform lists them, each province fills in its own (R-OOP-1). */
export const MY_VIOLATIONS = `query MyViolations {
  me { id licence { points reservedPoints }
    vehicles { relation vehicle { plate
      violations { id status fineYuan points source province { code } eligibility { allowed denials { code ruleId message } } } } } }
}`;

/** The same list without eligibility: one platform step, then one province step. */
export const MY_VIOLATIONS_PLAIN = `query MyViolationsPlain {
  me { vehicles { vehicle { plate violations { id province { code } fineYuan points } } } }
}`;

export const VIOLATION = `query Violation($id: ID!) {
  violation(id: $id) { id plate status fineYuan handling { handledAt payBy payment { amountYuan channel } } }
}`;

export const HANDLE = `mutation Handle($id: ID!, $key: String!) {
  handleViolation(id: $id, noticeAccepted: true, idempotencyKey: $key) {
    ok replayed denials { code ruleId message }
    violation { id status } handling { decisionNumber handledAt payBy }
  }
}`;

export const PAY = `mutation Pay($id: ID!, $key: String!) {
  payFine(violationId: $id, channel: APP, idempotencyKey: $key) {
    ok denials { code ruleId } violation { id status } payment { amountYuan channel paidAt }
  }
}`;

type Denial = { code: string; ruleId: string; message: string };
export type ViolationItem = {
  id: string;
  status: string;
  fineYuan: number;
  points: number;
  source: string;
  province: { code: string };
  eligibility: { allowed: boolean; denials: Denial[] };
};
export type MyViolations = {
  me: {
    id: string;
    licence: { points: number; reservedPoints: number } | null;
    vehicles: { relation: string; vehicle: { plate: string; violations: (ViolationItem | null)[] } }[];
  } | null;
};
export type HandleAnswer = {
  handleViolation: {
    ok: boolean;
    replayed: boolean;
    denials: Denial[];
    violation: { id: string; status: string } | null;
    handling: { decisionNumber: string; handledAt: string; payBy: string } | null;
  };
};
export type PayAnswer = {
  payFine: { ok: boolean; denials: Denial[]; violation: { status: string } | null; payment: { amountYuan: number; channel: string } | null };
};
export type ViolationAnswer = {
  violation: { id: string; plate: string; status: string; fineYuan: number; handling: { handledAt: string; payBy: string } | null } | null;
};
