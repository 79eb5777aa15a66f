/**
 * Every GraphQL operation the integration suites send, as a typed function over real HTTP (docs/style.md:
 * Hive's flow.ts). Identities are signed the way the gateway signs them.
 */
import { signIdentity, type Identity, type ServiceSigner } from "@jg/identity";
import { type Clock } from "@jg/service-kit";

export interface Caller {
  url: string;
  /** The edge whose signed identity header the requests carry. */
  edge: ServiceSigner;
  clock: Clock;
}

type GqlError = { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } };
export type GqlResponse<T> = { data?: T | null; errors?: GqlError[] };

/** Sends one operation as `identity` (the edge's signed ANONYMOUS identity when null) in `lang`. */
export async function gql<T>(
  caller: Caller,
  identity: Identity | null,
  query: string,
  variables: Record<string, unknown> = {},
  lang = "zh-CN",
): Promise<GqlResponse<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", "accept-language": lang };
  headers["x-jg-identity"] = await signIdentity(identity ?? { kind: "ANONYMOUS" }, { signer: caller.edge, now: caller.clock.now() });
  const res = await fetch(`${caller.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as GqlResponse<T>;
}

export const VIOLATION_FIELDS = `id plate plateType code description descriptionZh descriptionEn location occurredAt source fineYuan points warningOnly status
  handling { decisionNumber handledAt payBy payment { channel amountYuan paidAt } }`;

export type DenialOut = { code: string; ruleId: string; message: string };
type HandlingOut = { decisionNumber: string; handledAt: string; payBy: string; payment: PaymentOut | null };
type PaymentOut = { channel: string; amountYuan: number; paidAt: string };
export type ViolationOut = {
  id: string;
  plate: string;
  plateType: string;
  code: string;
  description: string;
  descriptionZh: string;
  descriptionEn: string;
  location: string;
  occurredAt: string;
  source: "CAMERA" | "ON_SITE";
  fineYuan: number;
  points: number;
  warningOnly: boolean;
  status: "UNHANDLED" | "HANDLED_UNPAID" | "PAID";
  handling: HandlingOut | null;
};

export type RecordInput = {
  province: string;
  sourceRecordKey: string;
  plate: string;
  plateType: string;
  code: string;
  occurredAt: string;
  location: string;
  source: "CAMERA" | "ON_SITE";
  agencyAreaCode: string;
};

export function recordViolation(caller: Caller, who: Identity | null, input: RecordInput) {
  return gql<{ recordViolation: { ok: boolean; replayed: boolean; violation: ViolationOut; denials: DenialOut[] } }>(
    caller,
    who,
    `mutation Record($input: RecordViolationInput!) { recordViolation(input: $input) { ok replayed denials { code } violation { ${VIOLATION_FIELDS} } } }`,
    { input },
  );
}

export function violation(caller: Caller, who: Identity | null, id: string, lang?: string) {
  return gql<{ violation: ViolationOut | null }>(caller, who, `query V($id: ID!) { violation(id: $id) { ${VIOLATION_FIELDS} } }`, { id }, lang);
}

export type ProvinceOut = {
  code: string;
  name: string;
  platformOpen: boolean;
  businessNotice: string;
  scheduleVersion: string | null;
  objectionContact: { agency: string; phone: string | null; assumed: boolean };
  maintenanceWindow: { from: string; to: string; timeZone: string; assumed: boolean; source: string };
  fineSchedule: { code: string; fineYuan: number; points: number; source: string; assumed: boolean }[];
};
const PROVINCE_FIELDS = `code name platformOpen businessNotice scheduleVersion objectionContact { agency phone assumed }
  maintenanceWindow { from to timeZone assumed source } fineSchedule { code fineYuan points source assumed }`;

export function province(caller: Caller, who: Identity | null, code: string, lang?: string) {
  return gql<{ province: ProvinceOut | null }>(caller, who, `query P($code: ProvinceCode!) { province(code: $code) { ${PROVINCE_FIELDS} } }`, { code }, lang);
}

/** `_entities` as the gateway sends it, with the selection given for Violation and Province. */
export function entities(caller: Caller, who: Identity | null, representations: Record<string, unknown>[], violationSelection = "id plate status", provinceSelection = "code platformOpen") {
  return gql<{ _entities: (Record<string, unknown> | null)[] }>(
    caller,
    who,
    `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Violation { ${violationSelection} } ... on Province { ${provinceSelection} } } }`,
    { r: representations },
  );
}

export type HandleOut = { ok: boolean; replayed: boolean; denials: DenialOut[]; handling: HandlingOut | null; violation: ViolationOut | null };
export function handleViolation(caller: Caller, who: Identity | null, id: string, noticeAccepted: boolean, idempotencyKey: string, lang?: string) {
  return gql<{ handleViolation: HandleOut }>(
    caller,
    who,
    `mutation H($id: ID!, $n: Boolean!, $k: String!) { handleViolation(id: $id, noticeAccepted: $n, idempotencyKey: $k) {
      ok replayed denials { code ruleId message } handling { decisionNumber handledAt payBy payment { channel amountYuan paidAt } } violation { ${VIOLATION_FIELDS} } } }`,
    { id, n: noticeAccepted, k: idempotencyKey },
    lang,
  );
}

export type PayOut = { ok: boolean; replayed: boolean; denials: DenialOut[]; payment: PaymentOut | null; violation: ViolationOut | null };
export function payFine(caller: Caller, who: Identity | null, violationId: string, channel: string, idempotencyKey: string) {
  return gql<{ payFine: PayOut }>(
    caller,
    who,
    `mutation Pay($id: ID!, $c: PaymentChannel!, $k: String!) { payFine(violationId: $id, channel: $c, idempotencyKey: $k) {
      ok replayed denials { code ruleId message } payment { channel amountYuan paidAt } violation { ${VIOLATION_FIELDS} } } }`,
    { id: violationId, c: channel, k: idempotencyKey },
  );
}

/** The first error code of a response (or undefined). */
export function errorCode(res: GqlResponse<unknown>): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

/** The decision-document guidance of a violation's handling (R-DOC-1). */
export function violationDocument(t: Caller, who: Identity | null, id: string) {
  return gql<{ violation: { handling: { document: { decisionNumber: string; printAt: string; receiptFrom: string; receiptAssumed: boolean } } | null } | null }>(
    t,
    who,
    `query Doc($id: ID!) { violation(id: $id) { handling { document { decisionNumber printAt receiptFrom receiptAssumed } } } }`,
    { id },
  );
}

export type BatchRecordInput = Omit<RecordInput, "province">;
export type BatchItemOut = {
  index: number;
  sourceRecordKey: string;
  outcome: "RECORDED" | "DUPLICATE" | "REFUSED";
  violation: { id: string; plate: string; status: string } | null;
  refusal: { code: string; message: string } | null;
};
export type BatchOut = { recorded: number; duplicates: number; refused: number; items: BatchItemOut[] };
/** recordViolations: a camera batch. */
export function recordViolations(caller: Caller, who: Identity | null, province: string, records: BatchRecordInput[]) {
  return gql<{ recordViolations: BatchOut }>(
    caller,
    who,
    `mutation Batch($p: ProvinceCode!, $r: [ViolationRecordInput!]!) { recordViolations(province: $p, records: $r) {
      recorded duplicates refused items { index sourceRecordKey outcome violation { id plate status } refusal { code message } } } }`,
    { p: province, r: records },
  );
}

export type ReconItemOut = { category: string; paymentId: string; violationId: string | null; platformAmountYuan: number | null; bankAmountYuan: number | null };
export type ReconciliationOut = {
  id: string;
  businessDay: string;
  channel: string;
  matched: number;
  platformTotalYuan: number;
  bankTotalYuan: number;
  balanced: boolean;
  replayed: boolean;
  platformOnly: ReconItemOut[];
  bankOnly: ReconItemOut[];
  amountMismatches: ReconItemOut[];
};
const RECON_ITEM = "category paymentId violationId platformAmountYuan bankAmountYuan";
const RECONCILIATION_FIELDS = `id businessDay channel matched platformTotalYuan bankTotalYuan balanced replayed
  platformOnly { ${RECON_ITEM} } bankOnly { ${RECON_ITEM} } amountMismatches { ${RECON_ITEM} }`;
export type StatementOut = {
  businessDay: string;
  channel: string;
  from: string;
  to: string;
  closed: boolean;
  paymentCount: number;
  totalYuan: number;
  payments: { paymentId: string; violationId: string; amountYuan: number; paidAt: string }[];
  reconciliation: ReconciliationOut | null;
};
/** reconciliationStatement: the bank fetches the province's statement of a business day and channel. */
export function reconciliationStatement(caller: Caller, who: Identity | null, province: string, businessDay: string, channel: string) {
  return gql<{ reconciliationStatement: StatementOut | null }>(
    caller,
    who,
    `query S($p: ProvinceCode!, $d: String!, $c: PaymentChannel!) { reconciliationStatement(province: $p, businessDay: $d, channel: $c) {
      businessDay channel from to closed paymentCount totalYuan payments { paymentId violationId amountYuan paidAt } reconciliation { ${RECONCILIATION_FIELDS} } } }`,
    { p: province, d: businessDay, c: channel },
  );
}

export type BankPaymentIn = { paymentId: string; amountYuan: number; violationId?: string; paidAt?: string };
/** submitReconciliation: the bank submits its own list. */
export function submitReconciliation(caller: Caller, who: Identity | null, province: string, businessDay: string, channel: string, submissionKey: string, payments: BankPaymentIn[]) {
  return gql<{ submitReconciliation: ReconciliationOut }>(
    caller,
    who,
    `mutation R($p: ProvinceCode!, $d: String!, $c: PaymentChannel!, $k: String!, $l: [BankPaymentInput!]!) {
      submitReconciliation(province: $p, businessDay: $d, channel: $c, submissionKey: $k, payments: $l) { ${RECONCILIATION_FIELDS} } }`,
    { p: province, d: businessDay, c: channel, k: submissionKey, l: payments },
  );
}
