/**
 * The platform database schema: one table per file, re-exported here for drizzle (queries) and
 * drizzle-kit (migrations in `drizzle/`). The outbox and inbox tables belong to @jg/handoff and are
 * re-exported so they land in this service's own migrations.
 */
export { accounts, type AccountRow } from "./accounts";
export { licences, type LicenceRow } from "./licences";
export { pointsLedger, LEDGER_KINDS, RESERVED_ENTRY, type LedgerKind, type LedgerRow } from "./points-ledger";
export { vehicles, type VehicleRow } from "./vehicles";
export { filings, FILING_METHODS, FILING_STATUSES, type FilingMethod, type FilingRow, type FilingStatus } from "./filings";
export { partners, type PartnerRow } from "./partners";
export { leases, leaseDrivers, type LeaseDriverRow, type LeaseRow } from "./leases";
export { violationIndex, type IndexedViolationFacts, type ViolationIndexRow } from "./violation-index";
export { authorizations, type AuthorizationRow } from "./authorizations";
export { registrations, type RegistrationRow } from "./registrations";
export { smsCodes, type SmsCodeRow, type SmsPurpose } from "./sms-codes";
export { leaseRequests, type LeaseRequestRow } from "./lease-requests";
export { feedback, feedbackScreenshots, FEEDBACK_STATUSES, type FeedbackRow, type FeedbackScreenshotRow, type FeedbackStatus } from "./feedback";
export { webhookEndpoints, type WebhookEndpointRow } from "./webhook-endpoints";
export {
  webhookAttempts,
  webhookDeliveries,
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookDeliveryStatus,
} from "./webhook-deliveries";
export { inbox, outbox } from "@jg/handoff";
