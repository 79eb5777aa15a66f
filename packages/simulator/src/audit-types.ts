/**
 * What the audit routes of the services answer (`GET /internal/audit`): the rows the invariants need,
 * read-only, instants as ISO strings. One `ProvinceAudit` per shard, one `PlatformAudit` for the home
 * platform; together an `AuditSnapshot` of the whole system at one moment.
 */

export interface AuditViolation {
  id: string;
  plate: string;
  status: "UNHANDLED" | "HANDLED_UNPAID" | "PAID";
  fineYuan: number;
  points: number;
  handlingId: string | null;
  /** When the shard recorded it (its clock). */
  recordedAt: string;
}

export interface AuditHandling {
  id: string;
  violationId: string;
  accountId: string;
  fineYuan: number;
  points: number;
  state: "ACTIVE" | "PAID" | "REVERTED";
  handledAt: string;
}

export interface AuditPayment {
  id: string;
  handlingId: string;
  violationId: string;
  amountYuan: number;
  channel: string;
  paidAt: string;
}

export interface AuditOutboxRow {
  /** The envelope's message ID (what the receiver's inbox records), not the outbox row's key. */
  messageId: string;
  destination: string;
  type: string;
  /** The violation the message is about (the outbox's ordering key). */
  violationId: string | null;
  createdAt: string;
  deliveredAt: string | null;
  attempts: number;
}

export interface ProvinceAudit {
  code: string;
  violations: AuditViolation[];
  handlings: AuditHandling[];
  payments: AuditPayment[];
  outbox: AuditOutboxRow[];
}

export interface AuditLedgerEntry {
  licenceNumber: string;
  kind: "RESERVED" | "RELEASED" | "APPLIED" | "ADJUSTED";
  points: number;
  handlingId: string | null;
  violationId: string | null;
  at: string;
}

export interface AuditIndexedViolation {
  violationId: string;
  plate: string;
  provinceCode: string;
  status: string;
}

export interface AuditInboxMessage {
  messageId: string;
  type: string;
  source: string;
  receivedAt: string;
}

export interface AuditLicence {
  number: string;
  /** CST date (YYYY-MM-DD) of first issue: anchors the scoring cycles. */
  firstIssuedOn: string;
}

export interface PlatformAudit {
  licences: AuditLicence[];
  ledger: AuditLedgerEntry[];
  violationIndex: AuditIndexedViolation[];
  inbox: AuditInboxMessage[];
}

export interface AuditSnapshot {
  provinces: Record<string, ProvinceAudit>;
  platform: PlatformAudit;
}
